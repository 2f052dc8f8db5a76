package org.bittern.completed;

import java.util.List;
import java.util.function.Supplier;
import org.bittern.metrics.MetricsBackend;

/**
 * The persisted completed counts' figures as gauges read when scraped, the same in the sidecar and (once it persists
 * them) the WAR: {@code tracker_completed_pending}, and the running counts {@code tracker_completed_flushes},
 * {@code tracker_completed_flush_errors}, {@code tracker_completed_overflow} (gauges of counts, as
 * {@code tracker_posthooks_shed}: the metrics port has callback gauges only). Nothing is registered while the
 * feature is off, as for the lists' gauges.
 */
public final class CompletedGauges {

    private CompletedGauges() {
    }

    public static void register(MetricsBackend backend, CompletedCounts counts) {
        if (!counts.enabled()) {
            return;
        }
        Supplier<CompletedStats> stats = counts::stats;
        backend.gauge("tracker_completed_pending", "Completed downloads recorded and not yet written to PostgreSQL",
                List.of(), () -> stats.get().pendingIncrements());
        backend.gauge("tracker_completed_flushes", "Successful writes of pending completed counts to PostgreSQL",
                List.of(), () -> stats.get().flushes());
        backend.gauge("tracker_completed_flush_errors",
                "Failed PostgreSQL round trips of the completed counts (writes and reads), each retried", List.of(),
                () -> stats.get().flushErrors());
        backend.gauge("tracker_completed_overflow", "Completed downloads dropped because "
                + CompletedConfig.MAX_PENDING_SWARMS + " torrents were already waiting to be written", List.of(),
                () -> stats.get().overflow());
    }
}
