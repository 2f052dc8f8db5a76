package org.bittern.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentRateTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000L);
    private final RecentRate rate = new RecentRate(now::get);

    @Test
    void averagesTheLastFullMinuteAndLeavesOutTheCurrentSecond() {
        for (int s = 0; s < 60; s++) {
            for (int i = 0; i < 3; i++) {
                rate.record();
            }
            now.incrementAndGet();
        }
        rate.record();
        assertThat(rate.perSecond()).isEqualTo(3.0);
    }

    @Test
    void secondsOlderThanAMinuteNoLongerCount() {
        for (int i = 0; i < 120; i++) {
            rate.record();
        }
        now.addAndGet(30);
        assertThat(rate.perSecond()).isEqualTo(2.0);
        now.addAndGet(31);
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void aSlotReusedAMinuteLaterStartsFromZero() {
        rate.record();
        rate.record();
        now.addAndGet(61);
        rate.record();
        now.incrementAndGet();
        assertThat(rate.perSecond()).isEqualTo(1 / 60.0);
    }
}
