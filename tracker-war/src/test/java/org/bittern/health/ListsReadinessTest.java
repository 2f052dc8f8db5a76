package org.bittern.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.bittern.lists.ListsMode;
import org.bittern.lists.ListsStatus;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ListsReadinessTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void offIsUpAndSaysSo() {
        HealthCheckResponse r = ListsReadiness.answer(new ListsStatus(ListsMode.OFF, ListsStatus.State.OFF, 0, null,
                null), false, NOW);
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(r.getData().orElseThrow()).containsEntry("mode", "off").doesNotContainKey("state");
    }

    @Test
    void noSnapshotYetIsDown() {
        HealthCheckResponse r = ListsReadiness.answer(new ListsStatus(ListsMode.ALLOW, ListsStatus.State.LOADING, 0,
                null, "Connection refused"), true, NOW);
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData().orElseThrow()).containsEntry("state", "loading")
                .containsEntry("problem", "Connection refused").doesNotContainKey("ageSeconds");
    }

    @Test
    void currentIsUpWithSizeAndAge() {
        HealthCheckResponse r = ListsReadiness.answer(new ListsStatus(ListsMode.DENY, ListsStatus.State.CURRENT, 42,
                NOW.minusSeconds(3), null), false, NOW);
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(r.getData().orElseThrow()).containsEntry("mode", "deny").containsEntry("state", "current")
                .containsEntry("entries", 42L).containsEntry("ageSeconds", 3L);
    }

    @Test
    void postgresUnreachableServesTheLastSnapshotDegradedButNotReady() {
        HealthCheckResponse r = ListsReadiness.answer(STALE, false, NOW);
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData().orElseThrow()).containsEntry("state", "degraded").containsEntry("ageSeconds", 90L)
                .containsEntry("problem", "PSQLException: Connection refused");
    }

    @Test
    void anOperatorMayKeepNodesServingAStaleSnapshotReady() {
        HealthCheckResponse r = ListsReadiness.answer(STALE, true, NOW);
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(r.getData().orElseThrow()).containsEntry("state", "degraded");
    }

    private static final ListsStatus STALE = new ListsStatus(ListsMode.ALLOW, ListsStatus.State.STALE, 7,
            NOW.minusSeconds(90), "PSQLException: Connection refused");
}
