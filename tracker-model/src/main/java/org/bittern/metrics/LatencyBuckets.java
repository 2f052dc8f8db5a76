package org.bittern.metrics;

/** The upper bounds of the request latency histograms, the same in every runtime so dashboards can add them up. */
public final class LatencyBuckets {

    /** From 50 µs (a UDP announce on the memory store) to 2.5 s (beyond any client's patience). */
    private static final double[] SECONDS = {
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1, 2.5
    };

    private LatencyBuckets() {
    }

    /** A copy, for libraries that take the array. */
    public static double[] seconds() {
        return SECONDS.clone();
    }
}
