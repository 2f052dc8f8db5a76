package org.bittern.middleware.subnetpreference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.bittern.bittorrent.SubnetPreference;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes the configured {@link SubnetPreference} injectable, in the WAR and in the sidecar alike. */
@ApplicationScoped
public class SubnetPreferenceProducer {

    private static final Logger LOG = Logger.getLogger(SubnetPreferenceProducer.class.getName());

    /**
     * Built once from MicroProfile Config; {@link SubnetPreference#NONE} when the section is not set.
     * {@code @Singleton} because a record cannot be proxied by a normal scope.
     *
     * @throws org.bittern.config.ConfigException for an invalid section; it fails the start with that one line
     */
    @Produces
    @Singleton
    public SubnetPreference subnetPreference() {
        SubnetPreference preference = SubnetPreferenceConfig.from(ConfigProvider.getConfig()).orElse(SubnetPreference.NONE);
        if (!preference.isNone()) {
            LOG.info(preference::toString);
        }
        return preference;
    }

    /** Moves a configuration error to the start, as for the other middleware (the interceptor is made lazily). */
    static void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object event,
            SubnetPreference preference) {
        // Nothing to do: resolving the parameter ran the producer.
    }
}
