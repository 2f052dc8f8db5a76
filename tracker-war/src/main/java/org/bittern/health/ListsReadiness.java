package org.bittern.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bittern.lists.ListsStatus;
import org.bittern.lists.TorrentLists;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The torrent lists' snapshot in {@code /health/ready}: mode, state, entries and age. DOWN only while lists are on and
 * no snapshot was ever loaded (every announce would be refused). With PostgreSQL unreachable the last snapshot is
 * still served, so the check stays UP and says {@code degraded} with the reason: taking the node out of a load
 * balancer would not help, its peers would all see the same database.
 */
@Readiness
@ApplicationScoped
public class ListsReadiness extends StartedCheck {
    static final String NAME = "torrent-lists";

    @Inject
    TorrentLists lists;

    @Override
    String name() {
        return NAME;
    }

    @Override
    HealthCheckResponse whenStarted() {
        return answer(lists.status(), Instant.now());
    }

    static HealthCheckResponse answer(ListsStatus status, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mode", status.mode().name().toLowerCase(Locale.ROOT));
        if (status.state() == ListsStatus.State.OFF) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
        }
        data.put("state", switch (status.state()) {
            case LOADING -> "loading";
            case CURRENT -> "current";
            case STALE -> "degraded";
            case OFF -> "off";
        });
        data.put("entries", (long) status.entries());
        if (status.age(now) != null) {
            data.put("ageSeconds", status.age(now).toSeconds());
        }
        if (status.problem() != null) {
            data.put("problem", status.problem());
        }
        HealthCheckResponse.Status up = status.state() == ListsStatus.State.LOADING
                ? HealthCheckResponse.Status.DOWN : HealthCheckResponse.Status.UP;
        return new HealthCheckResponse(NAME, up, Optional.of(data));
    }
}
