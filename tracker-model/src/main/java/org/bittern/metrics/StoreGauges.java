package org.bittern.metrics;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.bittern.store.ExpiryRuns;
import org.bittern.store.StoreFigures;
import org.bittern.store.StoreStats;

/**
 * Swarm figures ({@code tracker_swarms}, {@code tracker_seeders}, {@code tracker_leechers}) and shed post-hook work
 * ({@code tracker_posthooks_shed}) as gauges read when Prometheus scrapes, the same in the WAR and the sidecar.
 */
public final class StoreGauges {

    private StoreGauges() {
    }

    /**
     * @param totals read for each gauge when scraped: give the process's {@link StoreFigures}, whose one walk serves
     *               the three gauges of a scrape and the status page (for Redis a walk reads every swarm)
     * @param shed   post-hook events dropped so far
     */
    public static void register(MetricsBackend backend, Supplier<StoreStats> totals, LongSupplier shed) {
        backend.gauge("tracker_swarms", "Swarms with at least one peer", List.of(), () -> totals.get().swarms());
        backend.gauge("tracker_seeders", "Seeders over all swarms and address families", List.of(),
                () -> totals.get().seeders());
        backend.gauge("tracker_leechers", "Leechers over all swarms and address families", List.of(),
                () -> totals.get().leechers());
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
}
