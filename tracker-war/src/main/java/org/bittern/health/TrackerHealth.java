package org.bittern.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bittern.store.PeerStore;
import org.bittern.store.StoreStats;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the peer store answers; served by the runtime at {@code /health} and {@code /health/ready}. */
@Readiness
@ApplicationScoped
public class TrackerHealth implements HealthCheck {

    @Inject
    PeerStore store;

    @Override
    public HealthCheckResponse call() {
        try {
            StoreStats stats = store.stats();
            return HealthCheckResponse.named("peer-store").up()
                    .withData("swarms", stats.swarms())
                    .withData("peers", stats.seeders() + stats.leechers())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("peer-store").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
