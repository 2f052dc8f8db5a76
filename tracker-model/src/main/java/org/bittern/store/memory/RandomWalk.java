package org.bittern.store.memory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A random visiting order of {@code 0..n-1} that allocates nothing: start at a random position and step by
 * a random stride coprime with {@code n}, which reaches every position exactly once in {@code n} steps.
 * Not a uniform permutation, but every peer is equally likely to come first and different announces get
 * different subsets, which is what spreading load over a swarm needs.
 */
final class RandomWalk {
    /** Attempts at a random coprime stride before settling for 1 (a plain rotation). */
    private static final int STRIDE_ATTEMPTS = 8;

    private RandomWalk() {
    }

    /** A random stride in {@code [1, n)} with gcd(stride, n) == 1; 1 for {@code n <= 2}. */
    static int stride(int n, ThreadLocalRandom random) {
        if (n <= 2) {
            return 1;
        }
        for (int attempt = 0; attempt < STRIDE_ATTEMPTS; attempt++) {
            int candidate = 1 + random.nextInt(n - 1);
            if (gcd(candidate, n) == 1) {
                return candidate;
            }
        }
        return 1;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
