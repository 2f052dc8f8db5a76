package org.bittern.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.store.StoreStats;
import org.junit.jupiter.api.Test;

/** The Micrometer adapter (WildFly) gives the names and labels the other runtimes show. */
class MicrometerBackendTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerBackend backend = new MicrometerBackend(registry);

    @Test
    void requestsAreTimersWithEveryLabelCombination() {
        RequestMetrics requests = new RequestMetrics(backend, "http");
        requests.record(Action.ANNOUNCE, AddressFamily.IPV6, Result.CLIENT_ERROR, 300_000);

        java.util.Collection<Meter> timers = registry.find(RequestMetrics.REQUESTS).meters();
        assertThat(timers).hasSize(Action.values().length * AddressFamily.values().length * Result.values().length);
        Timer recorded = registry.get(RequestMetrics.REQUESTS).tags("protocol", "http", "action", "announce",
                "family", "ipv6", "result", "client_error").timer();
        assertThat(recorded.count()).isEqualTo(1);
        assertThat(recorded.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(300.0);
        assertThat(registry.get(RequestMetrics.REQUESTS).tags("action", "scrape", "family", "ipv4", "result", "ok")
                .timer().count()).isZero();
    }

    @Test
    void storeGaugesShowTheStoresFigures() {
        StoreGauges.register(backend, () -> new StoreStats(3, 5, 7), () -> 11);

        assertThat(registry.get("tracker_swarms").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get("tracker_seeders").gauge().value()).isEqualTo(5.0);
        assertThat(registry.get("tracker_leechers").gauge().value()).isEqualTo(7.0);
        assertThat(registry.get("tracker_posthooks_shed").gauge().value()).isEqualTo(11.0);
    }

    @Test
    void gaugesKeepReadingAfterACollection() {
        double level = 40 + registry.getMeters().size() % 1 + 2;
        // A capturing lambda: only the backend holds it strongly, as with the suppliers the tracker registers.
        backend.gauge("tracker_test_level", "help", List.of(), () -> level);
        System.gc();
        assertThat(registry.get("tracker_test_level").gauge().value()).isEqualTo(42.0);
    }

    @Test
    void aRedeployedWarsGaugeReadsTheNewDeployment() {
        // WildFly keeps an undeployed WAR's meters in its registry; the next deployment registers the same names.
        backend.gauge("tracker_test_level", "help", List.of(new MetricsBackend.Label("x", "y")), () -> 1);
        new MicrometerBackend(registry).gauge("tracker_test_level", "help",
                List.of(new MetricsBackend.Label("x", "y")), () -> 2);
        assertThat(registry.find("tracker_test_level").gauges()).hasSize(1);
        assertThat(registry.get("tracker_test_level").tag("x", "y").gauge().value()).isEqualTo(2.0);
    }

    @Test
    void countersCount() {
        MetricsBackend.EventCounter counter = backend.counter("tracker_test_events", "help",
                List.of(new MetricsBackend.Label("reason", "why")));
        counter.increment();
        counter.increment();
        assertThat(registry.get("tracker_test_events").tag("reason", "why").counter().count()).isEqualTo(2.0);
    }
}
