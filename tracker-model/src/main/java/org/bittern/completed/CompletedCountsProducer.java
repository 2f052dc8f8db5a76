package org.bittern.completed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes {@link CompletedConfig} and the process's {@link CompletedCounts} injectable, in the WAR and in the sidecar.
 * Without a database, or without a {@link CompletedCountsDatabase} bean in the process, the feature is off: scrape
 * shows the peer store's own figure and no thread starts.
 */
@ApplicationScoped
public class CompletedCountsProducer {

    private static final Logger LOG = Logger.getLogger(CompletedCountsProducer.class.getName());

    /** {@code @Singleton}: a record is final, so it cannot have the client proxy of a normal scope. */
    @Produces
    @Singleton
    public CompletedConfig completedConfig() {
        return CompletedConfig.from(ConfigProvider.getConfig());
    }

    /** {@code @Singleton}: the middleware calls it on every request, without a client proxy between. */
    @Produces
    @Singleton
    public CompletedCounts completedCounts(CompletedConfig config, Instance<CompletedCountsDatabase> databases) {
        if (!config.enabled()) {
            return CompletedCounts.off();
        }
        if (!databases.isResolvable()) {
            LOG.warning("Bittern completed counts: " + CompletedConfig.PERSIST + " is on but this process has no "
                    + CompletedCountsDatabase.class.getSimpleName() + " (persistence unit); scrape shows the peer"
                    + " store's own downloaded figure");
            return CompletedCounts.off();
        }
        LOG.info(() -> "Bittern " + config);
        return CompletedCounts.start(config, databases.get());
    }

    void close(@Disposes CompletedCounts counts) {
        counts.close();
    }

    /** Resolving at start fails a bad configuration at deployment rather than on the first request. */
    static void atStart(@Observes @Initialized(ApplicationScoped.class) Object event, CompletedCounts counts) {
        // Nothing to do: resolving the parameter ran the producers.
    }
}
