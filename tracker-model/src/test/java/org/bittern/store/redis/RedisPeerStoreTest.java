package org.bittern.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.bittern.store.StoreFixtures.completed;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.ipv4Peer;
import static org.bittern.store.StoreFixtures.ipv6Peer;
import static org.bittern.store.StoreFixtures.leecher;
import static org.bittern.store.StoreFixtures.peers;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.store.MutableClock;
import org.bittern.store.PeerStore;
import org.bittern.store.PeerStoreContract;
import org.bittern.store.StoreStats;
import org.bittern.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * The store contract against a real redis-server started from the embedded-redis artifact: one server for
 * the class, on a free loopback port; each test gets its own key prefix, so tests never see each other's
 * swarms.
 */
class RedisPeerStoreTest extends PeerStoreContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static int port;
    private static RedisServer server;
    private static RedisClient admin;
    private static StatefulRedisConnection<String, String> adminConnection;

    private String prefix;

    @BeforeAll
    static void startRedis() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = newServer(port);
        server.start();
        admin = RedisClient.create("redis://127.0.0.1:" + port);
        adminConnection = admin.connect();
    }

    /** Loopback only, no persistence: nothing is written to the working directory. */
    private static RedisServer newServer(int port) throws IOException {
        return RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (adminConnection != null) {
            adminConnection.close();
        }
        if (admin != null) {
            admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (server != null) {
            server.stop();
        }
    }

    @Override
    protected PeerStore createStore(MutableClock clock, Duration peerLifetime) {
        prefix = "test" + PREFIXES.incrementAndGet() + ":";
        return new RedisPeerStore("redis://127.0.0.1:" + port, prefix, clock, peerLifetime);
    }

    @Test
    void scriptsAreReloadedAfterScriptFlush() {
        InfoHash torrent = infoHash(1);
        store.announce(leecher(torrent, ipv4Peer(1)), 10);
        adminConnection.sync().scriptFlush();

        assertThat(peers(store.announce(leecher(torrent, ipv4Peer(2)), 10).peers4())).containsExactly(ipv4Peer(1));

        adminConnection.sync().scriptFlush();
        assertThat(store.scrape(List.of(torrent))).containsExactly(new SwarmStats(torrent, 0, 2, 0));
    }

    @Test
    void everyKeyOfASwarmCarriesItsHashTagAndThePrefix() {
        InfoHash torrent = infoHash(3);
        store.announce(leecher(torrent, ipv4Peer(1)), 10);
        store.announce(leecher(torrent, ipv6Peer(2)), 10);
        store.announce(completed(torrent, ipv4Peer(3)), 10);
        store.announce(completed(torrent, ipv6Peer(4)), 10);

        String tag = "{" + torrent.toHex() + "}";
        // KEYS is fine here: a test database with a handful of keys.
        List<String> keys = adminConnection.sync().keys(prefix + "*");
        assertThat(keys).containsExactlyInAnyOrder(
                prefix + tag + ":s4", prefix + tag + ":l4", prefix + tag + ":s6", prefix + tag + ":l6",
                prefix + tag + ":d", prefix + "swarms");
        for (String key : keys) {
            if (!key.equals(prefix + "swarms")) {
                assertThat(adminConnection.sync().pttl(key)).as("TTL of %s", key).isPositive();
            }
        }
    }

    @Test
    void redisDownFailsFastThenRecoversByItself() throws IOException {
        InfoHash torrent = infoHash(4);
        store.announce(leecher(torrent, ipv4Peer(1)), 10);
        server.stop();
        try {
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> store.announce(leecher(torrent, ipv4Peer(2)), 10))
                            .isInstanceOf(StoreUnavailableException.class)
                            .hasMessage(StoreUnavailableException.MESSAGE));
            assertThatThrownBy(() -> store.scrape(List.of(torrent))).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.stats()).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.collectGarbage()).isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        } finally {
            server = newServer(port);
            server.start();
        }

        // A restarted Redis is empty and has no scripts: the client reconnects and reloads them.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(store.announce(leecher(torrent, ipv4Peer(2)), 10).incomplete()).isEqualTo(1));
        assertThat(peers(store.announce(leecher(torrent, ipv4Peer(3)), 10).peers4())).containsExactly(ipv4Peer(2));
        assertThat(store.stats()).isEqualTo(new StoreStats(1, 0, 2));
    }

    @Test
    void unreachableRedisAtStartFailsFastWithoutHanging() throws IOException {
        int unused;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = probe.getLocalPort();
        }
        try (RedisPeerStore nowhere = new RedisPeerStore("redis://127.0.0.1:" + unused, "x:", clock, LIFETIME)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> nowhere.announce(leecher(infoHash(5), ipv4Peer(1)), 10))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> nowhere.scrape(List.of(infoHash(5)))).isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void collectGarbageDropsIndexEntriesOfSwarmsSilentForTheLifetime() {
        store.announce(leecher(infoHash(6), ipv4Peer(1)), 10);
        store.announce(leecher(infoHash(7), ipv4Peer(1)), 10);
        clock.advance(LIFETIME.plusSeconds(1));
        store.announce(leecher(infoHash(7), ipv4Peer(2)), 10);

        store.collectGarbage();

        assertThat(adminConnection.sync().zcard(prefix + "swarms")).isEqualTo(1);
        assertThat(store.stats()).isEqualTo(new StoreStats(1, 0, 1));
    }

    @Test
    void rejectsNonPositiveLifetimeAndInterval() {
        assertThatThrownBy(() -> new RedisPeerStore("redis://127.0.0.1:" + port, "y:", clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ((RedisPeerStore) store).startBackgroundExpiry(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
