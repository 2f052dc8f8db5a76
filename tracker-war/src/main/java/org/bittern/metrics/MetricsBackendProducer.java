package org.bittern.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Picks the {@link MetricsBackend} of the server the WAR runs on: MicroProfile Metrics where the server has it
 * (Payara), else Micrometer where the server offers a registry (WildFly with its micrometer subsystem), else none.
 * The registries are looked up through {@code Instance<Object>}, never named in a bean's fields or signatures, so
 * the same WAR deploys on a server that lacks either API.
 */
@ApplicationScoped
public class MetricsBackendProducer {

    private static final Logger LOG = Logger.getLogger(MetricsBackendProducer.class.getName());
    private static final String MICROPROFILE_REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";
    private static final String MICROMETER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    /** Default-qualified: of MicroProfile's registries (application, base, vendor) the application one. */
    @Inject
    Instance<Object> beans;

    /** {@code @Singleton}: one backend per deployment, called without a client proxy. */
    @Produces
    @Singleton
    public MetricsBackend backend() {
        MetricsBackend backend = lookUp(MICROPROFILE_REGISTRY, MicroProfileMetricsBackend::registryType,
                MicroProfileMetricsBackend::new);
        if (backend == null) {
            backend = lookUp(MICROMETER_REGISTRY, MicrometerBackend::registryType, MicrometerBackend::new);
        }
        if (backend == null) {
            LOG.warning("Bittern metrics: this server offers neither MicroProfile Metrics nor a Micrometer"
                    + " registry; no metrics are recorded");
            return new NoMetricsBackend();
        }
        LOG.info("Bittern metrics: backend=" + backend.name());
        return backend;
    }

    /** Null when the API is not on the class path or no registry bean exists. */
    private MetricsBackend lookUp(String registryClass, Supplier<Class<?>> registryType,
            Function<Object, MetricsBackend> adapter) {
        try {
            Class.forName(registryClass, false, MetricsBackendProducer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        Instance<?> registry = beans.select(registryType.get());
        return registry.isResolvable() ? adapter.apply(registry.get()) : null;
    }

    /** The HTTP frontend's request metrics ({@code protocol="http"}). */
    @Produces
    @Singleton
    public RequestMetrics requestMetrics(MetricsBackend backend) {
        return new RequestMetrics(backend, "http");
    }
}
