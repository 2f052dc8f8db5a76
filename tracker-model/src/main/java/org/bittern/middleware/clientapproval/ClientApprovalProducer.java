package org.bittern.middleware.clientapproval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes the configured {@link ClientApproval} injectable, in the WAR and in the sidecar alike. */
@ApplicationScoped
public class ClientApprovalProducer {

    private static final Logger LOG = Logger.getLogger(ClientApprovalProducer.class.getName());

    /**
     * Built once from MicroProfile Config. {@code @Singleton} because the decision is an immutable final class
     * that a normal scope's client proxy could not subclass.
     *
     * @throws org.bittern.config.ConfigException for an invalid section; it fails the start with that one line
     */
    @Produces
    @Singleton
    public ClientApproval clientApproval() {
        ClientApproval approval = ClientApprovalConfig.from(ConfigProvider.getConfig())
                .map(ClientApproval::of)
                .orElse(ClientApproval.OFF);
        if (approval.enabled()) {
            LOG.info(approval::toString);
        }
        return approval;
    }

    /**
     * The interceptor, and with it this producer, is only created with the {@code Tracker} on the first request;
     * resolving the decision when the application starts moves a configuration error to the start.
     */
    static void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object event, ClientApproval approval) {
        // Nothing to do: resolving the parameter ran the producer.
    }
}
