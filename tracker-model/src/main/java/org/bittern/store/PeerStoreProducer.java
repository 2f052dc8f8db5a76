package org.bittern.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.bittern.config.ConfigException;
import org.bittern.config.TrackerConfig;
import org.bittern.metrics.MetricsBackend;
import org.bittern.store.memory.MemoryPeerStore;
import org.bittern.store.redis.RedisPeerStore;

/** Makes the one {@link PeerStore} of a process, chosen by {@code tracker.store.type}. */
@ApplicationScoped
public class PeerStoreProducer {
    @Produces
    @ApplicationScoped
    PeerStore peerStore(TrackerConfig config, Instance<MetricsBackend> metrics) {
        // Measured where a runtime offers metrics (the WAR, the sidecar); plain in a bare container (tests).
        return peerStore(config, metrics.isResolvable() ? metrics.get() : null);
    }

    /** @param metrics where the Redis store's round trips are measured; null for none */
    PeerStore peerStore(TrackerConfig config, MetricsBackend metrics) {
        if (TrackerConfig.STORE_REDIS.equals(config.storeType())) {
            PeerStore redis = redisStore(config);
            return metrics == null ? redis : new MeasuredPeerStore(redis, metrics);
        }
        if (!TrackerConfig.STORE_MEMORY.equals(config.storeType())) {
            throw new ConfigException("tracker.store.type: '" + config.storeType() + "' is not available in this build");
        }
        MemoryPeerStore store = new MemoryPeerStore(Clock.systemUTC(), config.peerLifetime());
        store.startBackgroundExpiry(config.gcInterval());
        return store;
    }

    /** The Redis store (design §4, §7): the URI (one node, or a cluster's seeds) and key prefix of {@link TrackerConfig}. */
    private static PeerStore redisStore(TrackerConfig config) {
        // TrackerConfig.from has parsed it already; a record built otherwise gets the same one-line failure here
        // rather than Lettuce's message, which repeats the URI and so any password in it.
        TrackerConfig.checkRedisUri(config.redisUri(), config.redisCluster());
        RedisPeerStore store = new RedisPeerStore(config.redisUri(), config.redisCluster(), config.redisKeyPrefix(),
                Clock.systemUTC(), config.peerLifetime());
        store.startBackgroundExpiry(config.gcInterval());
        return store;
    }

    /** One per process: every gauge and status page reads the same walk (a proxy-free scope: the class is final). */
    @Produces
    @Singleton
    StoreFigures storeFigures(PeerStore store) {
        return new StoreFigures(store);
    }

    void close(@Disposes PeerStore store) {
        store.close();
    }
}
