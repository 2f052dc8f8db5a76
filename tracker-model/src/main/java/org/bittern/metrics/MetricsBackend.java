package org.bittern.metrics;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Where Bittern's metrics go in one runtime: MicroProfile Metrics on Payara, Micrometer on WildFly, the Prometheus
 * Java client in the sidecar. Every name is chosen by the classes beside this one ({@link RequestMetrics}, {@link StoreGauges}), so the three
 * runtimes expose one set of names and labels; an adapter only maps the three kinds onto its library, keeping the
 * Prometheus naming each library already follows ({@code _seconds} for timers, {@code _total} for counters).
 *
 * <p>Everything is registered at start, once per label combination; recording is then a call on a handle, so the
 * request path never looks a metric up.
 */
public interface MetricsBackend {

    /** A short name for the log line that says which backend a process uses. */
    String name();

    /**
     * Request latency, exported as a histogram in seconds ({@code <name>_seconds_count}, {@code _sum}, and buckets
     * at {@link LatencyBuckets#seconds()} where the library exports buckets).
     */
    LatencyTimer timer(String name, String help, List<Label> labels);

    /** A count that only grows, exported as {@code <name>_total}. */
    EventCounter counter(String name, String help, List<Label> labels);

    /** A value read when the metrics are scraped; {@code value} must be cheap and must not block. */
    void gauge(String name, String help, List<Label> labels, DoubleSupplier value);

    /** One label of one metric; names and values are fixed words, never a client's text. */
    record Label(String name, String value) {
    }

    interface LatencyTimer {
        void recordNanos(long nanos);
    }

    interface EventCounter {
        void increment();
    }
}
