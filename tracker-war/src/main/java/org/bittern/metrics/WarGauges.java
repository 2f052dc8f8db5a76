package org.bittern.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.bittern.logic.PostHooks;
import org.bittern.store.PeerStore;

/** Registers the gauges every Bittern process shows ({@link StoreGauges}) once the WAR has started. */
@ApplicationScoped
public class WarGauges {

    void register(@Observes @Initialized(ApplicationScoped.class) Object started, MetricsBackend backend,
            PeerStore store, PostHooks postHooks) {
        StoreGauges.register(backend, store::stats, postHooks::shed);
    }
}
