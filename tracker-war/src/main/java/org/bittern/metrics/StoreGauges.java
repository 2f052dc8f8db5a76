package org.bittern.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bittern.logic.PostHooks;
import org.bittern.store.PeerStore;
import org.bittern.store.StoreStats;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Swarm figures and shed post-hook work as gauges, read from the store when Prometheus scrapes. The three
 * swarm gauges share one {@link StoreStats} read per second: for the Redis store a read walks every swarm,
 * and one scrape asks all three gauges.
 */
@ApplicationScoped
public class StoreGauges {

    @Inject
    MetricRegistry registry;

    @Inject
    PeerStore store;

    @Inject
    PostHooks postHooks;

    static final long STATS_MAX_AGE_NANOS = 1_000_000_000L;

    private StoreStats stats;
    private long statsReadAt;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge("tracker_swarms", "Swarms with at least one peer", () -> stats().swarms());
        gauge("tracker_seeders", "Seeders over all swarms and address families", () -> stats().seeders());
        gauge("tracker_leechers", "Leechers over all swarms and address families", () -> stats().leechers());
        gauge("tracker_posthooks_shed", "Post-hook events dropped because observers could not keep up",
                () -> postHooks.shed());
    }

    private synchronized StoreStats stats() {
        long now = System.nanoTime();
        if (stats == null || now - statsReadAt > STATS_MAX_AGE_NANOS) {
            stats = store.stats();
            statsReadAt = now;
        }
        return stats;
    }

    private void gauge(String name, String description, java.util.function.Supplier<Long> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value);
    }
}
