package org.bittern.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * {@link MetricsBackend} on Micrometer (WildFly 39, whose Prometheus registry serves the management port's
 * {@code /prometheus}). Not a CDI bean, for the reason given on {@link MicroProfileMetricsBackend}.
 *
 * <p>Meters are made with the registry's own {@code counter}, {@code gauge} and {@code timer} methods, never with
 * the builders: WildFly hands each deployment an application registry that forwards only those methods to the
 * exported registry, while a builder's meter stays in the application registry and is never shown (and asks for
 * the registry configuration, which WildFly refuses with WFLYMMTREXT0015). So on WildFly the help text is missing
 * and timers have {@code _count}, {@code _sum} and {@code _max} but no buckets.
 */
final class MicrometerBackend implements MetricsBackend {

    private final MeterRegistry registry;
    /** Micrometer holds a gauge's state weakly: these keep the suppliers alive as long as the deployment. */
    private final List<DoubleSupplier> gaugeStates = new CopyOnWriteArrayList<>();

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
        Timer timer = registry.timer(name, tags(labels));
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public EventCounter counter(String name, String help, List<Label> labels) {
        Counter counter = registry.counter(name, tags(labels));
        return counter::increment;
    }

    @Override
    public void gauge(String name, String help, List<Label> labels, DoubleSupplier value) {
        gaugeStates.add(value);
        List<Tag> tags = tags(labels);
        // A gauge already there is an earlier deployment's of this WAR: WildFly keeps a deployment's meters after
        // it is undeployed, and registering again would keep the old gauge, whose state is gone (NaN).
        Gauge earlier = registry.find(name).tags(tags).gauge();
        if (earlier != null) {
            registry.remove(earlier);
        }
        registry.gauge(name, tags, value, DoubleSupplier::getAsDouble);
    }

    private static List<Tag> tags(List<Label> labels) {
        return labels.stream().map(l -> Tag.of(l.name(), l.value())).toList();
    }
}
