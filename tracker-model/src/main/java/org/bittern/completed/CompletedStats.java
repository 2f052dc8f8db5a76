package org.bittern.completed;

/**
 * Figures of the persisted completed counts for metrics (the sidecar's Prometheus text, later the WAR's metrics).
 *
 * @param enabled           whether the feature runs in this process
 * @param pendingIncrements completed downloads recorded and not written yet
 * @param pendingSwarms     torrents with such increments
 * @param flushes           successful flushes so far
 * @param flushErrors       failed database round trips so far (a flush or a background read)
 * @param overflow          completed downloads dropped because {@code max-pending-swarms} torrents were pending
 * @param cached            torrents whose figures are held in memory
 */
public record CompletedStats(boolean enabled, long pendingIncrements, int pendingSwarms, long flushes,
        long flushErrors, long overflow, int cached) {

    public static final CompletedStats OFF = new CompletedStats(false, 0, 0, 0, 0, 0, 0);
}
