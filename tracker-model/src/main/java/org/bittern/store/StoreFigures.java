package org.bittern.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The store's totals and largest swarms for every reader in a process (the swarm gauges, the status page), from one
 * shared walk. For Redis a walk reads every swarm, so it is repeated no more often than every
 * {@code max(1 s, 10 × the last walk's duration)}: however many scrapes and status pages ask, reading figures takes
 * at most about a tenth of the store's time, and readers arriving while a walk runs get the previous figures rather
 * than waiting for it.
 */
public final class StoreFigures {

    /** The status page's top torrents. */
    public static final int LARGEST = 10;
    static final long MIN_AGE_NANOS = 1_000_000_000L;
    static final int COST_FACTOR = 10;

    private final IntFunction<StoreSummary> walk;
    private final LongSupplier nanoTime;
    private final ReentrantLock walking = new ReentrantLock();
    private volatile StoreSummary latest;
    private volatile long readAt;
    private volatile long maxAgeNanos = MIN_AGE_NANOS;

    public StoreFigures(PeerStore store) {
        this(store::summary, System::nanoTime);
    }

    /** @param walk {@link PeerStore#summary(int)} */
    StoreFigures(IntFunction<StoreSummary> walk, LongSupplier nanoTime) {
        this.walk = walk;
        this.nanoTime = nanoTime;
    }

    /**
     * @return figures at most {@link #maxAgeNanos()} old, or older ones while another reader walks
     * @throws StoreUnavailableException when figures are due and the store cannot be read
     */
    public StoreSummary current() {
        StoreSummary known = latest;
        if (known != null && fresh()) {
            return known;
        }
        if (known == null) {
            walking.lock();
        } else if (!walking.tryLock()) {
            return known;
        }
        try {
            if (latest != null && fresh()) {
                return latest;
            }
            long started = nanoTime.getAsLong();
            StoreSummary next = walk.apply(LARGEST);
            long ended = nanoTime.getAsLong();
            maxAgeNanos = Math.max(MIN_AGE_NANOS, COST_FACTOR * (ended - started));
            readAt = ended;
            latest = next;
            return next;
        } finally {
            walking.unlock();
        }
    }

    /** How old figures may be now: grows with the cost of the last walk. */
    long maxAgeNanos() {
        return maxAgeNanos;
    }

    private boolean fresh() {
        return nanoTime.getAsLong() - readAt <= maxAgeNanos;
    }
}
