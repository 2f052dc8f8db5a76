package org.bittern.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.bittern.config.ConfigException;
import org.bittern.config.TrackerConfig;
import org.bittern.store.memory.MemoryPeerStore;

/** Makes the one {@link PeerStore} of a process, chosen by {@code tracker.store.type}. */
@ApplicationScoped
public class PeerStoreProducer {

    @Produces
    @ApplicationScoped
    PeerStore peerStore(TrackerConfig config) {
        if (!"memory".equals(config.storeType())) {
            throw new ConfigException("tracker.store.type: '" + config.storeType() + "' is not available in this build");
        }
        MemoryPeerStore store = new MemoryPeerStore(Clock.systemUTC(), config.peerLifetime());
        store.startBackgroundExpiry(config.gcInterval());
        return store;
    }

    void close(@Disposes PeerStore store) {
        store.close();
    }
}
