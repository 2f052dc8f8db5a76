package org.bittern.udp;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The sidecar's one {@link PrometheusBackend} as a bean, so what tracker-model measures for itself (the Redis store's
 * round trips) lands in the same registry as the sidecar's own metrics, served at {@code /metrics}.
 */
@ApplicationScoped
public class SidecarMetricsBackend {

    /** Also a {@link org.bittern.metrics.MetricsBackend}: that is the type tracker-model asks for. */
    @Produces
    @Singleton
    PrometheusBackend backend() {
        return new PrometheusBackend(new PrometheusRegistry());
    }
}
