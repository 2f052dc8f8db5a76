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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SubnetPreference;
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

    /**
     * How long a call may take while Redis is down: well under {@link RedisPeerStore#COMMAND_TIMEOUT}, so a call
     * that was queued and then timed out fails the test, yet far above the microseconds a rejection takes.
     */
    private static final Duration FAST = RedisPeerStore.COMMAND_TIMEOUT.dividedBy(2);

    private String prefix;

    @BeforeAll
    static void startRedis() throws IOException {
        port = RedisServers.freePort();
        server = RedisServers.start(port);
        admin = RedisClient.create("redis://127.0.0.1:" + port);
        adminConnection = admin.connect();
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
    void asynchronousCallsWaitForFlushAndThenShareOneWrite() throws Exception {
        InfoHash torrent = infoHash(6);
        var first = store.announceAsync(leecher(torrent, ipv4Peer(1)), 10).toCompletableFuture();
        var second = store.announceAsync(leecher(torrent, ipv4Peer(2)), 10).toCompletableFuture();

        // Not written yet: Redis has not seen them, so the blocking connection finds an empty swarm.
        assertThat(store.scrape(List.of(torrent))).containsExactly(new SwarmStats(torrent, 0, 0, 0));
        assertThat(first).isNotDone();

        store.flush();
        assertThat(first.get(5, java.util.concurrent.TimeUnit.SECONDS).incomplete()).isEqualTo(1);
        assertThat(peers(second.get(5, java.util.concurrent.TimeUnit.SECONDS).peers4())).containsExactly(ipv4Peer(1));
    }

    @Test
    void scriptsAreReloadedAfterScriptFlush() {
        InfoHash torrent = infoHash(1);
        store.announce(leecher(torrent, ipv4Peer(1)), 10);
        adminConnection.sync().scriptFlush();

        assertThat(peers(store.announce(leecher(torrent, ipv4Peer(2)), 10).peers4())).containsExactly(ipv4Peer(1));

        adminConnection.sync().scriptFlush();
        assertThat(store.scrape(List.of(torrent))).containsExactly(new SwarmStats(torrent, 0, 2, 0));

        adminConnection.sync().scriptFlush();
        var pending = store.announceAsync(leecher(torrent, ipv4Peer(3)), 10).toCompletableFuture();
        store.flush();
        assertThat(peers(pending.join().peers4()))
                .as("the asynchronous announce sends the whole script on NOSCRIPT").hasSize(2);
        assertThat(store.scrape(List.of(torrent))).containsExactly(new SwarmStats(torrent, 0, 3, 0));
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
    void subnetSetsAreNamedByPrefixAndSubnetUnderTheSwarmsHashTag() {
        InfoHash torrent = infoHash(5);
        SubnetPreference preference = new SubnetPreference(22, 64);
        store.announce(leecher(torrent, ipv4Peer(0x0105)).withSubnetPreference(preference), 10); // 10.0.1.5
        store.announce(completed(torrent, ipv4Peer(0x0206)).withSubnetPreference(preference), 10); // 10.0.2.6
        store.announce(leecher(torrent, ipv6Peer(2)).withSubnetPreference(preference), 10);
        store.announce(completed(torrent, ipv6Peer(3)).withSubnetPreference(preference), 10);

        String tag = prefix + "{" + torrent.toHex() + "}:";
        List<String> keys = adminConnection.sync().keys(prefix + "*");
        assertThat(keys).containsExactlyInAnyOrder(
                tag + "s4", tag + "l4", tag + "s6", tag + "l6", tag + "d", prefix + "swarms",
                tag + "s4/22/0a0000", tag + "l4/22/0a0000", tag + "s6/64/20010db800000000",
                tag + "l6/64/20010db800000000");
        assertThat(adminConnection.sync().zcard(tag + "s4/22/0a0000")).isEqualTo(1);
        assertThat(adminConnection.sync().zcard(tag + "l4/22/0a0000")).isEqualTo(1);
        for (String key : keys) {
            if (!key.equals(prefix + "swarms")) {
                assertThat(adminConnection.sync().pttl(key)).as("TTL of %s", key).isPositive();
            }
        }
    }

    @Test
    void whileRedisIsDownEveryCallFailsFastWithoutQueueing() throws Exception {
        InfoHash torrent = infoHash(4);
        store.announce(leecher(torrent, ipv4Peer(1)), 10);
        server.stop();
        try {
            // Until the client notices the dropped connection, a command may still be written to it and wait for
            // a reply: the command timeout bounds that. Once it has noticed, nothing may wait.
            assertThat(slowestFailure(1, 1, n -> store.announce(leecher(torrent, ipv4Peer(2)), 10)))
                    .isLessThan(RedisPeerStore.COMMAND_TIMEOUT.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(store::checkAvailable).isInstanceOf(StoreUnavailableException.class));

            // Announces keep arriving from many request threads: each must be answered at once. A client that
            // queued commands while disconnected would hold every one of them for the command timeout.
            Duration slowest = slowestFailure(16, 25, n -> store.announce(leecher(torrent, ipv4Peer(100 + n)), 10));
            assertThat(slowest).isLessThan(FAST);
            assertThatThrownBy(() -> store.announce(leecher(torrent, ipv4Peer(2)), 10))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessage(StoreUnavailableException.MESSAGE);
            assertThat(slowestFailure(1, 1, n -> store.scrape(List.of(torrent)))).isLessThan(FAST);
            assertThat(slowestFailure(1, 1, n -> store.stats())).isLessThan(FAST);
            assertThat(slowestFailure(1, 1, n -> store.checkAvailable())).isLessThan(FAST);
            assertThat(slowestFailure(1, 1, n -> store.collectGarbage())).isLessThan(FAST);
            long asyncStart = System.nanoTime();
            var pending = store.announceAsync(leecher(torrent, ipv4Peer(3)), 10);
            store.flush();
            assertThat(pending)
                    .as("the asynchronous announce fails fast too, with the same error")
                    .failsWithin(FAST).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - asyncStart)).isLessThan(FAST);
        } finally {
            server = RedisServers.start(port);
        }
    }

    @Test
    void recoversByItselfWhenRedisReturnsOnTheSamePort() throws IOException {
        InfoHash torrent = infoHash(5);
        store.announce(leecher(torrent, ipv4Peer(1)), 10);
        server.stop();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> store.announce(leecher(torrent, ipv4Peer(2)), 10))
                            .isInstanceOf(StoreUnavailableException.class));
        } finally {
            server = RedisServers.start(port);
        }

        // A restarted Redis is empty and has no scripts: the client reconnects (delay capped at
        // MAX_RECONNECT_DELAY) and the store loads the scripts again on NOSCRIPT. Until then announces fail.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .ignoreException(StoreUnavailableException.class)
                .untilAsserted(() ->
                        assertThat(store.announce(leecher(torrent, ipv4Peer(3)), 10).incomplete()).isEqualTo(1));
        store.checkAvailable();
        // The announce refused during the outage was dropped, not replayed on reconnect.
        assertThat(peers(store.announce(leecher(torrent, ipv4Peer(4)), 10).peers4())).containsExactly(ipv4Peer(3));
        assertThat(store.stats()).isEqualTo(new StoreStats(1, 0, 2));
    }

    /**
     * Runs {@code call} {@code perThread} times on each of {@code threads} threads at once; every run must throw
     * {@link StoreUnavailableException}. Returns the longest any run took.
     */
    private static Duration slowestFailure(int threads, int perThread, IntConsumer call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> slowest = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                slowest.add(pool.submit(() -> {
                    start.await();
                    long max = 0;
                    for (int i = 0; i < perThread; i++) {
                        int n = thread * perThread + i;
                        long began = System.nanoTime();
                        assertThatThrownBy(() -> call.accept(n)).isInstanceOf(StoreUnavailableException.class);
                        max = Math.max(max, System.nanoTime() - began);
                    }
                    return max;
                }));
            }
            start.countDown();
            long max = 0;
            for (Future<Long> f : slowest) {
                max = Math.max(max, f.get(1, TimeUnit.MINUTES));
            }
            return Duration.ofNanos(max);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unreachableRedisAtStartFailsFastWithoutHanging() throws IOException {
        int unused = RedisServers.freePort();
        try (RedisPeerStore nowhere = new RedisPeerStore("redis://127.0.0.1:" + unused, "x:", clock, LIFETIME)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> nowhere.announce(leecher(infoHash(5), ipv4Peer(1)), 10))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> nowhere.scrape(List.of(infoHash(5)))).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(nowhere::checkAvailable).isInstanceOf(StoreUnavailableException.class);
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
