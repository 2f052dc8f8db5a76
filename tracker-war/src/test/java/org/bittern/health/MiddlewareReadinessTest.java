package org.bittern.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class MiddlewareReadinessTest {
    @Test
    void downWhileAnyCheckIsNotReady() {
        AtomicBoolean keys = new AtomicBoolean(false);
        List<ReadinessCheck> checks = List.of(new ReadinessCheck() {
            @Override
            public String name() {
                return "jwt-keys";
            }

            @Override
            public boolean ready() {
                return keys.get();
            }
        });

        HealthCheckResponse down = MiddlewareReadiness.answer(checks);
        assertThat(down.getName()).isEqualTo("middleware");
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData()).contains(Map.of("jwt-keys", "DOWN"));

        keys.set(true);
        assertThat(MiddlewareReadiness.answer(checks).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(MiddlewareReadiness.answer(List.of()).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(MiddlewareReadiness.answer(List.of(org.bittern.middleware.jwt.JwtVerification.OFF)).getData())
                .as("jwt not configured: not listed").isEmpty();
    }
}
