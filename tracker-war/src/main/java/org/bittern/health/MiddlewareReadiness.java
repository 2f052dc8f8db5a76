package org.bittern.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every enabled {@link ReadinessCheck} of tracker-model is (the jwt middleware's JWK set, …), each listed by
 * name in the answer's data; the sidecar's {@code /health/ready} asks the same beans.
 */
@Readiness
@ApplicationScoped
public class MiddlewareReadiness extends StartedCheck {
    static final String NAME = "middleware";

    @Inject
    @Any
    Instance<ReadinessCheck> checks;

    @Override
    String name() {
        return NAME;
    }

    @Override
    HealthCheckResponse whenStarted() {
        return answer(checks);
    }

    static HealthCheckResponse answer(Iterable<? extends ReadinessCheck> checks) {
        boolean up = true;
        Map<String, Object> data = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            if (!check.enabled()) {
                continue;
            }
            boolean ready = check.ready();
            data.put(check.name(), ready ? "UP" : "DOWN");
            up &= ready;
        }
        // Built directly, as TrackerHealth does, so the check also runs outside the server (tests).
        return new HealthCheckResponse(NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                data.isEmpty() ? Optional.empty() : Optional.of(data));
    }
}
