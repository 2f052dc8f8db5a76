package org.bittern.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreFiguresTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(42 * SECOND);
    private final AtomicInteger walks = new AtomicInteger();

    private StoreSummary summary(long swarms) {
        return new StoreSummary(new StoreStats(swarms, 0, 0), List.of());
    }

    @Test
    void readersWithinASecondShareOneWalk() {
        StoreFigures figures = new StoreFigures(largest -> {
            assertThat(largest).isEqualTo(StoreFigures.LARGEST);
            return summary(walks.incrementAndGet());
        }, clock::get);

        assertThat(figures.current().totals().swarms()).isEqualTo(1);
        clock.addAndGet(SECOND / 2);
        assertThat(figures.current().totals().swarms()).isEqualTo(1);
        assertThat(figures.current().totals().swarms()).isEqualTo(1);
        clock.addAndGet(SECOND);
        assertThat(figures.current().totals().swarms()).as("a second later: a new walk").isEqualTo(2);
        assertThat(walks).hasValue(2);
    }

    @Test
    void aCostlyWalkIsRepeatedAtMostEveryTenTimesItsDuration() {
        StoreFigures figures = new StoreFigures(largest -> {
            clock.addAndGet(SECOND / 2); // the walk takes half a second
            return summary(walks.incrementAndGet());
        }, clock::get);

        figures.current();
        assertThat(figures.maxAgeNanos()).isEqualTo(5 * SECOND);
        clock.addAndGet(4 * SECOND);
        assertThat(figures.current().totals().swarms()).isEqualTo(1);
        clock.addAndGet(2 * SECOND);
        assertThat(figures.current().totals().swarms()).isEqualTo(2);
    }

    @Test
    void whileOneReaderWalksTheOthersGetThePreviousFigures() throws Exception {
        CountDownLatch walking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StoreFigures figures = new StoreFigures(largest -> {
            int walk = walks.incrementAndGet();
            if (walk == 2) {
                walking.countDown();
                await(release);
            }
            return summary(walk);
        }, clock::get);
        figures.current();
        clock.addAndGet(2 * SECOND);

        CompletableFuture<StoreSummary> slow = CompletableFuture.supplyAsync(figures::current);
        assertThat(walking.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(figures.current().totals().swarms()).as("not waiting for the walk").isEqualTo(1);
        release.countDown();

        assertThat(slow.get(5, TimeUnit.SECONDS).totals().swarms()).isEqualTo(2);
        assertThat(figures.current().totals().swarms()).isEqualTo(2);
    }

    @Test
    void anUnreachableStoreFailsTheRead() {
        StoreFigures figures = new StoreFigures(largest -> {
            throw new StoreUnavailableException();
        }, clock::get);

        assertThatThrownBy(figures::current).isInstanceOf(StoreUnavailableException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
