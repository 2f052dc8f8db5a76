package org.bittern.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * {@link MetricsBackend} on Micrometer (WildFly 39, whose Prometheus registry serves the management port's
 * {@code /prometheus}). Timers publish the {@link LatencyBuckets} as histogram buckets, as the other runtimes do.
 * Not a CDI bean, for the reason given on {@link MicroProfileMetricsBackend}.
 */
final class MicrometerBackend implements MetricsBackend {

    private final MeterRegistry registry;

    MicrometerBackend(Object registry) {
        this.registry = (MeterRegistry) registry;
    }

    static Class<?> registryType() {
        return MeterRegistry.class;
    }

    @Override
    public String name() {
        return "micrometer";
    }

    @Override
    public LatencyTimer timer(String name, String help, List<Label> labels) {
        Timer timer = Timer.builder(name).description(help).tags(tags(labels))
                .serviceLevelObjectives(Arrays.stream(LatencyBuckets.seconds())
                        .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new))
                .register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public EventCounter counter(String name, String help, List<Label> labels) {
        Counter counter = Counter.builder(name).description(help).tags(tags(labels)).register(registry);
        return counter::increment;
    }

    @Override
    public void gauge(String name, String help, List<Label> labels, DoubleSupplier value) {
        Gauge.builder(name, value::getAsDouble).description(help).tags(tags(labels)).register(registry);
    }

    private static Tags tags(List<Label> labels) {
        return Tags.of(labels.stream().map(l -> Tag.of(l.name(), l.value())).toList());
    }
}
