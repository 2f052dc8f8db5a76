package org.bittern.lists;

import java.time.Duration;
import java.time.Instant;

/**
 * What health reports about the lists.
 *
 * @param mode     the configured mode
 * @param state    see {@link State}
 * @param entries  entries in the snapshot in use (0 before the first load)
 * @param syncedAt when the snapshot was last known to match PostgreSQL; null before the first load
 * @param problem  why PostgreSQL cannot be reached now, or null
 */
public record ListsStatus(ListsMode mode, State state, int entries, Instant syncedAt, String problem) {

    public enum State {
        /** {@code tracker.lists.mode: off}: nothing loaded, nothing needed. */
        OFF,
        /** Never loaded yet: every announce is refused until the first load (nothing is known to be approved). */
        LOADING,
        /** Listening to PostgreSQL: the snapshot follows every change within about a second. */
        CURRENT,
        /** PostgreSQL unreachable: the last snapshot is served while reconnecting. */
        STALE
    }

    /** How old the snapshot is: zero-ish while {@link State#CURRENT}; null before the first load. */
    public Duration age(Instant now) {
        if (syncedAt == null) {
            return null;
        }
        Duration age = Duration.between(syncedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** One line for a health answer, e.g. {@code current, 2003 entries, synced 4s ago} or {@code degraded: why}. */
    public String summary(Instant now) {
        String state = switch (state()) {
            case OFF -> "off";
            case LOADING -> "loading";
            case CURRENT -> "current";
            case STALE -> "degraded";
        };
        Duration age = age(now);
        return state + ", " + entries + " entries" + (age == null ? "" : ", synced " + age.toSeconds() + "s ago")
                + (problem == null ? "" : ": " + problem);
    }

    /**
     * Whether {@code /health/ready} may say UP: lists off or current; while PostgreSQL is away only when the operator
     * chose to keep such nodes in rotation ({@link ListsConfig#readyWhileStale()}); never before the first load.
     */
    public boolean ready(boolean readyWhileStale) {
        return switch (state) {
            case OFF, CURRENT -> true;
            case STALE -> readyWhileStale;
            case LOADING -> false;
        };
    }
}
