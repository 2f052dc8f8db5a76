package org.bittern.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.ipv4Peer;
import static org.bittern.store.StoreFixtures.leecher;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import org.bittern.config.ConfigException;
import org.bittern.config.TrackerConfig;
import org.bittern.metrics.MetricsBackend;
import org.bittern.store.memory.MemoryPeerStore;
import org.bittern.store.redis.RedisPeerStore;
import org.bittern.store.redis.RedisServers;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The producer picks the store, and the Redis one where {@link TrackerConfig} says, with its key prefix. */
class PeerStoreProducerTest {
    private final PeerStoreProducer producer = new PeerStoreProducer();

    private static TrackerConfig config(String storeType, String redisUri, String keyPrefix) {
        TrackerConfig d = TrackerConfig.defaults();
        return new TrackerConfig(d.announceInterval(), d.minAnnounceInterval(), d.numwantDefault(), d.numwantMax(),
                d.scrapeMaxInfoHashes(), d.trustedProxies(), d.allowIpSpoofing(), storeType, d.peerLifetime(),
                d.gcInterval(), redisUri, keyPrefix, false);
    }

    @Test
    void theDefaultsGiveTheMemoryStore() {
        PeerStore store = producer.peerStore(TrackerConfig.defaults(), (MetricsBackend) null);
        try {
            assertThat(store).isInstanceOf(MemoryPeerStore.class);
        } finally {
            producer.close(store);
        }
    }

    @Test
    void theRedisStoreUsesTheUriAndKeyPrefixOfTheTrackerConfig() throws IOException {
        int port = RedisServers.freePort();
        RedisServer server = RedisServers.start(port);
        RedisClient admin = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            PeerStore store = producer.peerStore(config(TrackerConfig.STORE_REDIS, "redis://127.0.0.1:" + port + "/3",
                    "producer-test:"), (MetricsBackend) null);
            try {
                assertThat(store).isInstanceOf(RedisPeerStore.class);
                store.announce(leecher(infoHash(1), ipv4Peer(1)), 10);
            } finally {
                producer.close(store);
            }

            connection.sync().select(3);
            // KEYS is fine here: a test database with a handful of keys.
            assertThat(connection.sync().keys("*")).isNotEmpty().allMatch(k -> k.startsWith("producer-test:"));
        } finally {
            admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            server.stop();
        }
    }

    @Test
    void aMalformedUriInAHandBuiltConfigIsOneLineNamingTheKeyWithoutThePassword() {
        assertThatThrownBy(() -> producer.peerStore(config(TrackerConfig.STORE_REDIS, "redis://:hunter2@[::1", "p:"),
                (MetricsBackend) null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(TrackerConfig.Keys.STORE_REDIS_URI + ": ")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("\n"));
    }
}
