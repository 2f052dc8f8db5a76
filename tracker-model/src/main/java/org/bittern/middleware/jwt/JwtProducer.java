package org.bittern.middleware.jwt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes the configured {@link JwtVerification} injectable, in the WAR and in the sidecar alike. */
@ApplicationScoped
public class JwtProducer {

    private static final Logger LOG = Logger.getLogger(JwtProducer.class.getName());

    /**
     * Built once from MicroProfile Config; starts the background JWKS fetch and returns without waiting for it, so
     * an unreachable JWKS endpoint leaves the start going and shows as not ready. {@code @Singleton} because the
     * decision is a final class that a normal scope's client proxy could not subclass.
     *
     * @throws org.bittern.config.ConfigException for an invalid section; it fails the start with that one line
     */
    @Produces
    @Singleton
    public JwtVerification jwtVerification() {
        JwtVerification verification = JwtConfig.from(ConfigProvider.getConfig())
                .map(JwtVerification::start)
                .orElse(JwtVerification.OFF);
        if (verification.enabled()) {
            LOG.info(verification::toString);
        }
        return verification;
    }

    /** Stops the refresh thread with the container (an undeploy must not leave it running). */
    public void close(@Disposes JwtVerification verification) {
        if (verification != JwtVerification.OFF) {
            verification.close();
        }
    }

    /**
     * The interceptor, and with it this producer, is only created with the {@code Tracker} on the first request;
     * resolving it when the application starts moves a configuration error to the start and begins the first
     * JWKS fetch before the first announce.
     */
    static void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object event,
            JwtVerification verification) {
        // Nothing to do: resolving the parameter ran the producer.
    }
}
