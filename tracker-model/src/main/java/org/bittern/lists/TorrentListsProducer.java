package org.bittern.lists;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.logging.Logger;
import org.bittern.persistence.DatabaseSchema;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes {@link ListsConfig} and the process's {@link TorrentLists} injectable, in the WAR and in the sidecar.
 * With {@code tracker.lists.mode: off} (the default) nothing touches a database and no thread starts.
 */
@ApplicationScoped
public class TorrentListsProducer {

    private static final Logger LOG = Logger.getLogger(TorrentListsProducer.class.getName());

    /** How long the start waits for the first snapshot, so the first announces are judged by the real list. */
    static final Duration FIRST_LOAD_WAIT = Duration.ofSeconds(10);

    /** {@code @Singleton}: a record is final, so it cannot have the client proxy of a normal scope. */
    @Produces
    @Singleton
    public ListsConfig listsConfig() {
        return ListsConfig.from(ConfigProvider.getConfig());
    }

    /**
     * {@code @Singleton}, not a normal scope: the approval check then calls it without a client proxy between. The
     * schema is made current first ({@link DatabaseSchema}, the WAR's migrations): a runtime may create this bean
     * before its other start-up work (Payara does, while loading the announce servlet).
     */
    @Produces
    @Singleton
    public TorrentLists torrentLists(ListsConfig config, @Any Instance<DatabaseSchema> schema) {
        if (config.mode() != ListsMode.OFF) {
            schema.forEach(DatabaseSchema::ensureCurrent);
        }
        TorrentLists lists = TorrentLists.start(config);
        if (config.mode() != ListsMode.OFF) {
            LOG.info(() -> "Bittern lists: mode " + config.mode().name().toLowerCase(java.util.Locale.ROOT)
                    + ", " + config.database() + ", full re-read every " + config.reconcileInterval());
            try {
                if (!lists.awaitFirstLoad(FIRST_LOAD_WAIT)) {
                    LOG.warning("Bittern lists: no snapshot after " + FIRST_LOAD_WAIT.toSeconds()
                            + "s; announces are refused until PostgreSQL answers");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return lists;
    }

    void close(@Disposes TorrentLists lists) {
        lists.close();
    }

    /**
     * Pseudo-scoped beans are made on first injection, which could be the first announce: resolving them when the
     * application starts fails a bad configuration at deployment and loads the list before the first request.
     */
    static void atStart(@Observes @Initialized(ApplicationScoped.class) Object event, TorrentLists lists) {
        // Nothing to do: resolving the parameter ran the producers.
    }
}
