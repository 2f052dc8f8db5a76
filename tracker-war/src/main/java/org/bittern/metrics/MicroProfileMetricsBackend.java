package org.bittern.metrics;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@link MetricsBackend} on MicroProfile Metrics 5.1 (Payara), served by the server at {@code /metrics}. Not a CDI
 * bean on purpose: only {@link MetricsBackendProducer} names this class, after checking that the API exists, so a
 * server without MicroProfile Metrics (WildFly) never loads it.
 */
final class MicroProfileMetricsBackend implements MetricsBackend {

    private final MetricRegistry registry;

    MicroProfileMetricsBackend(Object registry) {
        this.registry = (MetricRegistry) registry;
    }

    static Class<?> registryType() {
        return MetricRegistry.class;
    }

    @Override
    public String name() {
        return "microprofile-metrics";
    }

    @Override
    public LatencyTimer timer(String name, String help, List<Label> labels) {
        Timer timer = registry.timer(Metadata.builder().withName(name).withDescription(help)
                .withUnit(MetricUnits.SECONDS).build(), tags(labels));
        return nanos -> timer.update(Duration.ofNanos(nanos));
    }

    @Override
    public EventCounter counter(String name, String help, List<Label> labels) {
        Counter counter = registry.counter(Metadata.builder().withName(name).withDescription(help).build(),
                tags(labels));
        return counter::inc;
    }

    @Override
    public void gauge(String name, String help, List<Label> labels, DoubleSupplier value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(help).build(),
                () -> value.getAsDouble(), tags(labels));
    }

    private static Tag[] tags(List<Label> labels) {
        return labels.stream().map(l -> new Tag(l.name(), l.value())).toArray(Tag[]::new);
    }
}
