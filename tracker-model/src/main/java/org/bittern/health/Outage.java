package org.bittern.health;

import java.time.Duration;

/**
 * The outage bookkeeping of a background loop that talks to a database (the lists feed, the completed counts'
 * flusher): whether the last attempt failed and since when, so each outage is logged once when it starts and once
 * when it ends, and the exponential backoff between attempts. Used by that loop's thread only.
 */
public final class Outage {

    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private boolean down;
    private long since;
    private long backoffMillis;

    public Outage(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoffMillis = Math.max(1, initialBackoff.toMillis());
        this.maxBackoffMillis = Math.max(initialBackoffMillis, maxBackoff.toMillis());
        this.backoffMillis = initialBackoffMillis;
    }

    /**
     * Records a failed attempt: the first of an outage waits the initial backoff, each further one twice the last,
     * up to the maximum.
     *
     * @return whether this failure starts an outage (the one to log as a warning; later ones at most at FINE)
     */
    public boolean failed() {
        if (down) {
            backoffMillis = Math.min(backoffMillis * 2, maxBackoffMillis);
            return false;
        }
        down = true;
        since = System.nanoTime();
        backoffMillis = initialBackoffMillis;
        return true;
    }

    /**
     * Records a successful attempt.
     *
     * @return how long the outage it ends lasted, or null when there was none (nothing to log)
     */
    public Duration recovered() {
        if (!down) {
            return null;
        }
        down = false;
        backoffMillis = initialBackoffMillis;
        return Duration.ofNanos(System.nanoTime() - since);
    }

    public boolean down() {
        return down;
    }

    /** How long to wait before the next attempt. */
    public long backoffMillis() {
        return backoffMillis;
    }

    /**
     * One line for a log or a health answer: the exception and, when it wraps others, the innermost cause (a
     * persistence provider's wrapper rarely says why). Never the JDBC URL's password: drivers do not echo it.
     */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = oneLine(e) + (root == e ? "" : " (cause: " + oneLine(root) + ")");
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
