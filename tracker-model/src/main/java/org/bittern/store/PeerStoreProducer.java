package org.bittern.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.bittern.config.ConfigException;
import org.bittern.config.TrackerConfig;
import org.bittern.store.memory.MemoryPeerStore;
import org.bittern.store.redis.RedisPeerStore;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes the one {@link PeerStore} of a process, chosen by {@code tracker.store.type}. */
@ApplicationScoped
public class PeerStoreProducer {
    static final String REDIS_URI = TrackerConfig.Keys.STORE_REDIS_URI;
    static final String REDIS_KEY_PREFIX = TrackerConfig.Keys.STORE_REDIS_KEY_PREFIX;
    static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:6379";

    @Produces
    @ApplicationScoped
    PeerStore peerStore(TrackerConfig config) {
        if (TrackerConfig.STORE_REDIS.equals(config.storeType())) {
            return redisStore(config);
        }
        if (!TrackerConfig.STORE_MEMORY.equals(config.storeType())) {
            throw new ConfigException("tracker.store.type: '" + config.storeType() + "' is not available in this build");
        }
        MemoryPeerStore store = new MemoryPeerStore(Clock.systemUTC(), config.peerLifetime());
        store.startBackgroundExpiry(config.gcInterval());
        return store;
    }

    /**
     * The Redis store (design §4, §7). Its URI and key prefix are read here rather than from
     * {@link TrackerConfig}, which does not carry them yet; the keys are the public ones of design §7.
     */
    private static PeerStore redisStore(TrackerConfig config) {
        Config mp = ConfigProvider.getConfig();
        String uri = mp.getOptionalValue(REDIS_URI, String.class).orElse(DEFAULT_REDIS_URI);
        String prefix = mp.getOptionalValue(REDIS_KEY_PREFIX, String.class).orElse(RedisPeerStore.DEFAULT_KEY_PREFIX);
        RedisPeerStore store;
        try {
            store = new RedisPeerStore(uri, prefix, Clock.systemUTC(), config.peerLifetime());
        } catch (IllegalArgumentException e) {
            // A malformed URI: one line naming the key, like every other invalid setting. The URI itself is
            // not echoed: it may hold a password.
            throw new ConfigException(REDIS_URI, "not a valid Redis URI (redis://[password@]host:port[/db])", e);
        }
        store.startBackgroundExpiry(config.gcInterval());
        return store;
    }

    void close(@Disposes PeerStore store) {
        store.close();
    }
}
