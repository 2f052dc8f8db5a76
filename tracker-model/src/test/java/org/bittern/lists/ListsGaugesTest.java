package org.bittern.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bittern.lists.ListsStatus.State;
import org.junit.jupiter.api.Test;

class ListsGaugesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void ageIsZeroWhileCurrentAndGrowsWhileStale() {
        assertThat(ListsGauges.ageSeconds(new ListsStatus(ListsMode.ALLOW, State.CURRENT, 5, NOW.minusSeconds(14),
                null), CLOCK)).isZero();
        assertThat(ListsGauges.ageSeconds(new ListsStatus(ListsMode.ALLOW, State.STALE, 5, NOW.minusSeconds(90),
                "connection refused"), CLOCK)).isEqualTo(90.0);
    }

    @Test
    void noAgeBeforeTheFirstLoad() {
        assertThat(ListsGauges.ageSeconds(new ListsStatus(ListsMode.DENY, State.LOADING, 0, null, "down"), CLOCK))
                .isNaN();
    }
}
