package org.bittern.metrics;

import java.util.List;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.metrics.MetricsBackend.Label;
import org.bittern.metrics.MetricsBackend.LatencyTimer;
import org.bittern.stats.RecentRate;

/**
 * Request counts and latency by protocol, action, address family and result ({@code tracker_requests_seconds}),
 * the same in the WAR and the sidecar. Every label combination is registered up front so recording a request is
 * an array lookup, and labels are never user text.
 */
public final class RequestMetrics {

    public static final String REQUESTS = "tracker_requests";

    private final RecentRate announces = new RecentRate();
    private final LatencyTimer[] timers =
            new LatencyTimer[Action.values().length * AddressFamily.values().length * Result.values().length];

    /** @param protocol {@code http} or {@code udp} */
    public RequestMetrics(MetricsBackend backend, String protocol) {
        for (Action action : Action.values()) {
            for (AddressFamily family : AddressFamily.values()) {
                for (Result result : Result.values()) {
                    timers[index(action, family, result)] = backend.timer(REQUESTS,
                            "Tracker requests answered, by protocol, action, address family and result",
                            List.of(new Label("protocol", protocol), new Label("action", action.label()),
                                    new Label("family", family.label()), new Label("result", result.label())));
                }
            }
        }
    }

    private static int index(Action action, AddressFamily family, Result result) {
        return (action.ordinal() * AddressFamily.values().length + family.ordinal()) * Result.values().length
                + result.ordinal();
    }

    public void record(Action action, AddressFamily family, Result result, long nanos) {
        timers[index(action, family, result)].recordNanos(nanos);
        if (action == Action.ANNOUNCE) {
            announces.record();
        }
    }

    /** Announces answered per second over the last minute, whatever their result, for the status page. */
    public double announcesPerSecond() {
        return announces.perSecond();
    }
}
