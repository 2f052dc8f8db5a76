package org.bittern.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.bittern.bittorrent.AddressFamily;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Request counts and latency by protocol, action, address family and result, as MicroProfile Metrics
 * timers ({@code tracker_requests_seconds_count}, {@code _sum}, quantiles). Every label combination is
 * registered up front so recording a request is an array lookup, and labels are never user text.
 */
@ApplicationScoped
public class RequestMetrics {

    public static final String REQUESTS = "tracker_requests";
    static final String PROTOCOL = "http";

    @Inject
    MetricRegistry registry;

    private Timer[] timers;

    @PostConstruct
    void register() {
        Metadata metadata = Metadata.builder()
                .withName(REQUESTS)
                .withDescription("Tracker requests answered, by protocol, action, address family and result")
                .withUnit(MetricUnits.SECONDS)
                .build();
        timers = new Timer[Action.values().length * AddressFamily.values().length * Result.values().length];
        for (Action action : Action.values()) {
            for (AddressFamily family : AddressFamily.values()) {
                for (Result result : Result.values()) {
                    timers[index(action, family, result)] = registry.timer(metadata,
                            new Tag("protocol", PROTOCOL),
                            new Tag("action", action.label()),
                            new Tag("family", family.label()),
                            new Tag("result", result.label()));
                }
            }
        }
    }

    private static int index(Action action, AddressFamily family, Result result) {
        return (action.ordinal() * AddressFamily.values().length + family.ordinal()) * Result.values().length
                + result.ordinal();
    }

    public void record(Action action, AddressFamily family, Result result, long nanos) {
        timers[index(action, family, result)].update(Duration.ofNanos(nanos));
    }
}
