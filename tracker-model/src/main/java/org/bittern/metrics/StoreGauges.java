package org.bittern.metrics;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.bittern.store.ExpiryRuns;
import org.bittern.store.StoreStats;

/**
 * Swarm figures ({@code tracker_swarms}, {@code tracker_seeders}, {@code tracker_leechers}) and shed post-hook work
 * ({@code tracker_posthooks_shed}) as gauges read when Prometheus scrapes, the same in the WAR and the sidecar. The
 * three swarm gauges share one {@link StoreStats} read per second: for the Redis store a read walks every swarm, and
 * one scrape asks all three.
 */
public final class StoreGauges {

    static final long STATS_MAX_AGE_NANOS = 1_000_000_000L;

    private final Supplier<StoreStats> store;
    private StoreStats stats;
    private long statsReadAt;

    private StoreGauges(Supplier<StoreStats> store) {
        this.store = store;
    }

    /**
     * @param store read when scraped, at most once a second
     * @param shed  post-hook events dropped so far
     */
    public static void register(MetricsBackend backend, Supplier<StoreStats> store, LongSupplier shed) {
        StoreGauges gauges = new StoreGauges(store);
        backend.gauge("tracker_swarms", "Swarms with at least one peer", List.of(), () -> gauges.stats().swarms());
        backend.gauge("tracker_seeders", "Seeders over all swarms and address families", List.of(),
                () -> gauges.stats().seeders());
        backend.gauge("tracker_leechers", "Leechers over all swarms and address families", List.of(),
                () -> gauges.stats().leechers());
        backend.gauge("tracker_posthooks_shed", "Post-hook events dropped because observers could not keep up",
                List.of(), shed::getAsLong);
    }

    /**
     * The background expiry: {@code tracker_store_expiry_runs}, {@code tracker_store_expiry_failures} (sweeps so
     * far) and {@code tracker_store_expiry_last_seconds} (how long the last sweep took).
     */
    public static void registerExpiry(MetricsBackend backend, ExpiryRuns runs) {
        backend.gauge("tracker_store_expiry_runs", "Background sweeps of silent peers run so far", List.of(),
                runs::runs);
        backend.gauge("tracker_store_expiry_failures", "Background sweeps that failed (store unreachable)", List.of(),
                runs::failures);
        backend.gauge("tracker_store_expiry_last_seconds", "Duration of the last background sweep", List.of(),
                runs::lastSeconds);
    }

    private synchronized StoreStats stats() {
        long now = System.nanoTime();
        if (stats == null || now - statsReadAt > STATS_MAX_AGE_NANOS) {
            stats = store.get();
            statsReadAt = now;
        }
        return stats;
    }
}
