package org.bittern.udp;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import org.bittern.metrics.LatencyBuckets;
import org.bittern.metrics.MetricsBackend;

/**
 * {@link MetricsBackend} on the Prometheus Java client, for the sidecar, which has no server to lend it a registry.
 * One metric per name, one data point per label combination, as Prometheus has it; names follow the library's
 * rules as Micrometer's and MicroProfile's do ({@code _seconds} on timers, {@code _total} on counters).
 */
final class PrometheusBackend implements MetricsBackend {

    private final PrometheusRegistry registry;
    private final Map<String, Histogram> histograms = new HashMap<>();
    private final Map<String, Counter> counters = new HashMap<>();
    private final Map<String, List<LabelledGauge>> gauges = new HashMap<>();

    PrometheusBackend(PrometheusRegistry registry) {
        this.registry = registry;
    }

    PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public synchronized LatencyTimer timer(String name, String help, List<Label> labels) {
        Histogram histogram = histograms.computeIfAbsent(name, n -> Histogram.builder()
                .name(n + "_seconds").help(help).labelNames(names(labels))
                .classicOnly().classicUpperBounds(LatencyBuckets.seconds())
                .withoutExemplars().register(registry));
        var point = histogram.labelValues(values(labels));
        return nanos -> point.observe(nanos / 1e9);
    }

    @Override
    public synchronized EventCounter counter(String name, String help, List<Label> labels) {
        Counter counter = counters.computeIfAbsent(name, n -> Counter.builder().name(n).help(help)
                .labelNames(names(labels)).withoutExemplars().register(registry));
        var point = counter.labelValues(values(labels));
        return point::inc;
    }

    /** A gauge whose supplier answers NaN has no sample in that scrape (e.g. a figure this OS cannot give). */
    @Override
    public synchronized void gauge(String name, String help, List<Label> labels, DoubleSupplier value) {
        gauges.computeIfAbsent(name, n -> {
            List<LabelledGauge> points = new CopyOnWriteArrayList<>();
            GaugeWithCallback.builder().name(n).help(help).labelNames(names(labels))
                    .callback(cb -> points.forEach(p -> {
                        double v = p.value().getAsDouble();
                        if (!Double.isNaN(v)) {
                            cb.call(v, p.labelValues());
                        }
                    }))
                    .register(registry);
            return points;
        }).add(new LabelledGauge(values(labels), value));
    }

    private record LabelledGauge(String[] labelValues, DoubleSupplier value) {
    }

    private static String[] names(List<Label> labels) {
        return labels.stream().map(Label::name).toArray(String[]::new);
    }

    private static String[] values(List<Label> labels) {
        return labels.stream().map(Label::value).toArray(String[]::new);
    }
}
