package org.bittern.health;

import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Answers shared by the readiness checks. */
final class HealthChecks {
    private HealthChecks() {
    }

    /** Not ready yet, without touching any bean: see {@link ApplicationStarted}. */
    static HealthCheckResponse starting(String name) {
        return new HealthCheckResponse(name, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("state", "starting")));
    }
}
