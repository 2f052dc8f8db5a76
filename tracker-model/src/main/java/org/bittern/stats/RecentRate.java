package org.bittern.stats;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Events per second over the last minute (the status page's "announces/s"): one counter per second in a ring of a
 * minute and one second, so counting is an array increment and reading adds up the last full minute. Concurrent
 * counting in the second a slot is reused may lose a few events to the reset; for a figure on a status page that is
 * fine, and it never blocks.
 */
public final class RecentRate {

    static final int SECONDS = 60;
    /** One more than the minute read: the second being counted must not reuse the oldest slot still read. */
    private static final int SLOTS = SECONDS + 1;

    private final LongSupplier epochSecond;
    private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
    /** The second each slot is counting, so a slot left from an earlier minute reads as zero. */
    private final AtomicLongArray seconds = new AtomicLongArray(SLOTS);

    public RecentRate() {
        this(() -> System.currentTimeMillis() / 1000);
    }

    /** @param epochSecond the clock, for tests */
    public RecentRate(LongSupplier epochSecond) {
        this.epochSecond = epochSecond;
        for (int i = 0; i < SLOTS; i++) {
            seconds.set(i, Long.MIN_VALUE);
        }
    }

    public void record() {
        long now = epochSecond.getAsLong();
        int slot = (int) Math.floorMod(now, (long) SLOTS);
        long counting = seconds.get(slot);
        if (counting != now && seconds.compareAndSet(slot, counting, now)) {
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** Events per second over the {@value #SECONDS} full seconds before the current one. */
    public double perSecond() {
        long now = epochSecond.getAsLong();
        long total = 0;
        for (int i = 0; i < SLOTS; i++) {
            long second = seconds.get(i);
            if (second < now && second >= now - SECONDS) {
                total += counts.get(i);
            }
        }
        return total / (double) SECONDS;
    }
}
