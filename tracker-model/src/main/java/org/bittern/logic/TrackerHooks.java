package org.bittern.logic;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Binds the middleware chain (pre-hooks) to {@link Tracker#announce} and {@link Tracker#scrape}.
 * A middleware is an {@code @TrackerHooks @Interceptor @Priority(n)} class, usually extending
 * {@link TrackerMiddleware}; lower priorities run first. {@code @Priority} enables it in every bean
 * archive, so the WAR (server CDI) and the UDP sidecar (Weld SE) run the same chain.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface TrackerHooks {
    /** Middleware priorities start here ({@code Interceptor.Priority.APPLICATION}); leave gaps of 100. */
    int PRIORITY_BASE = jakarta.interceptor.Interceptor.Priority.APPLICATION;
}
