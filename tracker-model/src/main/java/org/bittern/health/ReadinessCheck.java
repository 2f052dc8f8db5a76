package org.bittern.health;

/**
 * Something the tracker needs before it can answer as configured, beside the peer store: a CDI bean of this
 * type is asked by the WAR's {@code /health/ready} and by the sidecar's, so each runtime reports it the same way.
 * Asked on every probe: {@link #ready()} must be cheap and must not block.
 */
public interface ReadinessCheck {

    /** A short, fixed name for the health answer, e.g. {@code jwt-keys}. */
    String name();

    boolean ready();

    /**
     * A short state for the health answer's data, e.g. why a feature that still serves is degraded; null for none.
     * Cheap and non-blocking, as {@link #ready()}.
     */
    default String detail() {
        return null;
    }

    /** A check of a feature that is not configured is left out of the health answer rather than shown as up. */
    default boolean enabled() {
        return true;
    }
}
