package org.bittern.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bittern.lists.ListsConfig;
import org.bittern.lists.ListsStatus;
import org.bittern.lists.TorrentLists;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The torrent lists' snapshot in {@code /health/ready}: mode, state, entries and age. DOWN before the first load
 * (every announce would be refused) and, unless {@code tracker.lists.ready-while-stale}, while PostgreSQL is
 * unreachable: the node still serves its last snapshot (state {@code degraded}), but a load balancer should prefer
 * nodes that see list changes. Operators whose nodes all share one database may keep them in rotation instead.
 */
@Readiness
@ApplicationScoped
public class ListsReadiness extends StartedCheck {
    static final String NAME = "torrent-lists";

    @Inject
    TorrentLists lists;

    @Inject
    ListsConfig config;

    @Override
    String name() {
        return NAME;
    }

    @Override
    HealthCheckResponse whenStarted() {
        return answer(lists.status(), config.readyWhileStale(), Instant.now());
    }

    static HealthCheckResponse answer(ListsStatus status, boolean readyWhileStale, Instant now) {
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
        HealthCheckResponse.Status up = status.ready(readyWhileStale)
                ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
        return new HealthCheckResponse(NAME, up, Optional.of(data));
    }
}
