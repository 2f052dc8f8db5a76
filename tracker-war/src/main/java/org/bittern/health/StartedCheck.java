package org.bittern.health;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check that answers "starting" until the application has started (see {@link ApplicationStarted}).
 * {@link #call()} is not final: the subclasses are normal-scoped beans, which CDI proxies.
 */
abstract class StartedCheck implements HealthCheck {

    @Inject
    ApplicationStarted application;

    /** The check's name in the answer. */
    abstract String name();

    /** The real check, asked only once the application has started. */
    abstract HealthCheckResponse whenStarted();

    @Override
    public HealthCheckResponse call() {
        return application.isStarted() ? whenStarted() : HealthChecks.starting(name());
    }
}
