package org.bittern.store;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a store's background expiry has done: sweeps run, sweeps failed (Redis away), and how long the last one took;
 * read by the metrics ({@code tracker_store_expiry_*}). Thread-safe.
 */
public final class ExpiryRuns {

    private final LongAdder runs = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile long lastNanos;

    /** Runs one sweep, counting it and timing it; a sweep that throws is counted as failed and rethrown. */
    public void run(Runnable sweep) {
        long start = System.nanoTime();
        try {
            sweep.run();
        } catch (RuntimeException e) {
            failures.increment();
            throw e;
        } finally {
            lastNanos = System.nanoTime() - start;
            runs.increment();
        }
    }

    public long runs() {
        return runs.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public double lastSeconds() {
        return lastNanos / 1e9;
    }
}
