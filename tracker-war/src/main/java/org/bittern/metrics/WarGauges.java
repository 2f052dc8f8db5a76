package org.bittern.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.bittern.completed.CompletedCounts;
import org.bittern.completed.CompletedGauges;
import org.bittern.lists.ListsGauges;
import org.bittern.lists.TorrentLists;
import org.bittern.logic.PostHooks;
import org.bittern.store.PeerStore;
import org.bittern.store.StoreFigures;

/**
 * Registers the gauges every Bittern process shows ({@link StoreGauges}, {@link ListsGauges}, {@link CompletedGauges}
 * once the WAR persists completed counts) once the WAR has started.
 */
@ApplicationScoped
public class WarGauges {

    void register(@Observes @Initialized(ApplicationScoped.class) Object started, MetricsBackend backend,
            PeerStore store, StoreFigures figures, PostHooks postHooks, TorrentLists lists, CompletedCounts completed) {
        StoreGauges.register(backend, () -> figures.current().totals(), postHooks::shed);
        StoreGauges.registerExpiry(backend, store.expiryRuns());
        ListsGauges.register(backend, lists, Clock.systemUTC());
        CompletedGauges.register(backend, completed);
    }
}
