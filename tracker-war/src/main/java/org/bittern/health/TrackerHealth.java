package org.bittern.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.bittern.store.PeerStore;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the peer store answers; served by the runtime at {@code /health} and {@code /health/ready}.
 *
 * <p>Probes come every few seconds, so this asks {@link PeerStore#checkAvailable()} (one {@code PING} for Redis),
 * never {@link PeerStore#stats()}, which walks every swarm in Redis. Swarm and peer figures are the
 * {@code tracker_swarms}, {@code tracker_seeders} and {@code tracker_leechers} gauges.
 */
@Readiness
@ApplicationScoped
public class TrackerHealth extends StartedCheck {
    static final String NAME = "peer-store";

    @Inject
    PeerStore store;

    @Override
    String name() {
        return NAME;
    }

    @Override
    HealthCheckResponse whenStarted() {
        // Built directly rather than through HealthCheckResponse.named(): same JSON, without looking up the
        // runtime's builder provider, so the check also runs outside the server (tests).
        try {
            store.checkAvailable();
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.empty());
        } catch (RuntimeException e) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                    Optional.of(Map.of("error", e.getClass().getSimpleName())));
        }
    }
}
