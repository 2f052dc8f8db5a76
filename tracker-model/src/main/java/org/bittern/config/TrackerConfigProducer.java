package org.bittern.config;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the validated {@link TrackerConfig} injectable, in the WAR (Payara) and in the UDP sidecar (Weld SE).
 */
@ApplicationScoped
public class TrackerConfigProducer {

    private static final Logger LOG = Logger.getLogger(TrackerConfigProducer.class.getName());

    /**
     * Built and validated once from {@link ConfigProvider#getConfig()} (which includes {@link YamlConfigSource}).
     *
     * <p>Scope: {@code @Singleton}, a pseudo-scope. A normal scope such as {@code @ApplicationScoped} needs a client
     * proxy, i.e. a subclass of the bean type, and a record is final, so it cannot be proxied (the container would
     * reject the producer as unproxyable). {@code @Singleton} hands out the one instance itself, which is all an
     * immutable value needs.
     *
     * @throws ConfigException if a value is invalid; it propagates so that the deployment fails with that one line
     */
    @Produces
    @Singleton
    public TrackerConfig trackerConfig() {
        TrackerConfig config = TrackerConfig.from(ConfigProvider.getConfig());
        LOG.info(() -> "Bittern configuration: " + config);
        return config;
    }

    /**
     * Pseudo-scoped beans are created lazily, on first injection, which could be the first announce. Asking for
     * the config as soon as the application scope starts moves validation to the start, so a bad value fails the
     * deployment instead of the first request.
     */
    static void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object event, TrackerConfig config) {
        // Nothing to do: resolving the parameter ran the producer.
    }
}
