package org.bittern.metrics;

import java.util.List;
import java.util.function.DoubleSupplier;

/** For a server with neither MicroProfile Metrics nor Micrometer: the tracker runs, unmeasured. */
final class NoMetricsBackend implements MetricsBackend {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public LatencyTimer timer(String name, String help, List<Label> labels) {
        return nanos -> { };
    }

    @Override
    public EventCounter counter(String name, String help, List<Label> labels) {
        return () -> { };
    }

    @Override
    public void gauge(String name, String help, List<Label> labels, DoubleSupplier value) {
        // Nothing reads it.
    }
}
