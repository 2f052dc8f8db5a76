package org.bittern.health;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Whether the application has finished starting. Payara runs health checks on threads of its own, and may do so
 * as soon as it has registered them, before the application's start-up observers ran: a check that reached the
 * configuration or the peer store then would create them on a thread that cannot see the application's
 * configuration sources (the YAML file), and the whole application would keep the defaults. So the checks
 * answer "starting" until this says otherwise.
 */
@ApplicationScoped
public class ApplicationStarted {
    private volatile boolean started;

    /** Last among the start-up observers, so the configuration has been read and validated by then. */
    void started(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) @Initialized(ApplicationScoped.class)
            Object event) {
        markStarted();
    }

    void markStarted() {
        started = true;
    }

    public boolean isStarted() {
        return started;
    }
}
