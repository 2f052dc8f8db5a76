package org.bittern.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.ipv4Peer;
import static org.bittern.store.StoreFixtures.leecher;
import static org.bittern.store.StoreFixtures.peers;

import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.store.AnnounceResult;
import org.bittern.store.MutableClock;
import org.bittern.store.PeerStore;
import org.bittern.store.PeerStoreContract;
import org.bittern.store.StoreStats;
import org.bittern.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract, and what only a cluster can show, against a real Redis Cluster of three masters started
 * once for the class (see {@link RedisCluster}). Each test gets its own key prefix, so tests never see each
 * other's swarms.
 */
class RedisClusterPeerStoreTest extends PeerStoreContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    /** Enough swarms that every master owns some, whatever the hashes' slots (checked, not assumed). */
    private static final int SWARMS = 60;
    private static RedisCluster cluster;

    private String prefix;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = RedisCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected PeerStore createStore(MutableClock clock, Duration peerLifetime) {
        prefix = "cluster" + PREFIXES.incrementAndGet() + ":";
        return new RedisPeerStore(cluster.seeds(), true, prefix, clock, peerLifetime);
    }

    @Test
    void swarmsAreSpreadOverEveryMasterAndTheIndexLivesOnOne() {
        for (int n = 1; n <= SWARMS; n++) {
            store.announce(leecher(infoHash(n), ipv4Peer(n)), 10);
        }

        int indexCopies = 0;
        Set<String> swarmsSeen = new HashSet<>();
        for (int i = 0; i < cluster.size(); i++) {
            assertThat(cluster.node(i).dbsize()).as("keys on node %d", i).isPositive();
            // KEYS is fine here: a test cluster with a handful of keys per node.
            List<String> keys = cluster.node(i).keys(prefix + "*");
            assertThat(keys).as("this test's keys on node %d", i).isNotEmpty();
            for (String key : keys) {
                if (key.equals(prefix + "swarms")) {
                    indexCopies++;
                } else {
                    swarmsSeen.add(key.substring(0, key.indexOf('}') + 1));
                }
            }
        }
        assertThat(indexCopies).isEqualTo(1);
        assertThat(swarmsSeen).hasSize(SWARMS);
        assertThat(store.stats()).isEqualTo(new StoreStats(SWARMS, 0, SWARMS));
        assertThat(store.summary(3).largest()).hasSize(3);
    }

    @Test
    void aSwarmsKeysShareOneSlotWhateverTheFamilyOrSubnet() {
        InfoHash torrent = infoHash(9);
        SwarmKeys keys = new SwarmKeys(prefix);
        Set<Integer> slots = new HashSet<>();
        for (byte[] key : keys.all(torrent)) {
            slots.add(SlotHash.getSlot(key));
        }
        for (byte[] key : keys.forSubnet(torrent, AddressFamily.IPV6, 64, new byte[8])) {
            slots.add(SlotHash.getSlot(key));
        }
        assertThat(slots).hasSize(1);
        assertThat(new String(keys.index(), StandardCharsets.UTF_8)).isEqualTo(prefix + "swarms");
    }

    @Test
    void theFirstAsynchronousCallsOfAFreshStoreArriveWithTheFirstFlush() throws Exception {
        // Flushed at once, with nothing in between: the links to the nodes are opened by these very calls and may
        // still be connecting at the flush. Their calls must leave all the same, for an idle frontend sends no
        // second flush.
        List<CompletableFuture<AnnounceResult>> pending = new ArrayList<>();
        for (int n = 1; n <= SWARMS; n++) {
            pending.add(store.announceAsync(leecher(infoHash(n), ipv4Peer(n)), 10).toCompletableFuture());
        }
        store.flush();
        for (CompletableFuture<AnnounceResult> p : pending) {
            assertThat(p.get(5, TimeUnit.SECONDS).incomplete()).isEqualTo(1);
        }
        assertThat(store.stats()).isEqualTo(new StoreStats(SWARMS, 0, SWARMS));
    }

    @Test
    void asynchronousCallsToSeveralNodesWaitForFlush() throws Exception {
        List<CompletableFuture<AnnounceResult>> pending = new ArrayList<>();
        for (int n = 1; n <= SWARMS; n++) {
            pending.add(store.announceAsync(leecher(infoHash(n), ipv4Peer(n)), 10).toCompletableFuture());
        }
        // Not written yet: no node has seen them, so the blocking connection finds the swarms empty.
        assertThat(store.scrape(List.of(infoHash(1), infoHash(2), infoHash(3))))
                .allSatisfy(s -> assertThat(s.incomplete()).isZero());
        assertThat(pending).noneMatch(CompletableFuture::isDone);

        store.flush();
        for (CompletableFuture<AnnounceResult> p : pending) {
            assertThat(p.get(5, TimeUnit.SECONDS).incomplete()).isEqualTo(1);
        }
    }

    @Test
    void everyNodeRunsTheScriptsItNeverSaw() throws Exception {
        LuaScript announce = new LuaScript("announce.lua");
        LuaScript scrape = new LuaScript("scrape.lua");
        flushScriptsEverywhere();

        for (int n = 1; n <= SWARMS; n++) {
            assertThat(store.announce(leecher(infoHash(n), ipv4Peer(1)), 10).incomplete()).isEqualTo(1);
        }
        for (int i = 0; i < cluster.size(); i++) {
            assertThat(cluster.node(i).scriptExists(announce.sha())).as("announce.lua on node %d", i)
                    .containsExactly(true);
        }

        flushScriptsEverywhere();
        List<CompletableFuture<AnnounceResult>> pending = new ArrayList<>();
        for (int n = 1; n <= SWARMS; n++) {
            pending.add(store.announceAsync(leecher(infoHash(n), ipv4Peer(2)), 10).toCompletableFuture());
        }
        store.flush();
        for (CompletableFuture<AnnounceResult> p : pending) {
            assertThat(peers(p.get(5, TimeUnit.SECONDS).peers4())).containsExactly(ipv4Peer(1));
        }

        List<InfoHash> all = new ArrayList<>();
        for (int n = 1; n <= SWARMS; n++) {
            all.add(infoHash(n));
        }
        flushScriptsEverywhere();
        assertThat(store.scrape(all)).allSatisfy(s -> assertThat(s.incomplete()).isEqualTo(2));
        flushScriptsEverywhere();
        var scraped = store.scrapeAsync(all).toCompletableFuture();
        store.flush();
        assertThat(scraped.get(5, TimeUnit.SECONDS)).allSatisfy(s -> assertThat(s.incomplete()).isEqualTo(2));
        flushScriptsEverywhere();
        assertThat(store.stats()).isEqualTo(new StoreStats(SWARMS, 0, 2 * SWARMS));
        for (int i = 0; i < cluster.size(); i++) {
            assertThat(cluster.node(i).scriptExists(scrape.sha())).as("scrape.lua on node %d", i)
                    .containsExactly(true);
        }
    }

    @Test
    void theSweepCleansSwarmsOnEveryNode() {
        for (int n = 1; n <= SWARMS; n++) {
            store.announce(leecher(infoHash(n), ipv4Peer(1)), 10);
        }
        clock.advance(LIFETIME.plusSeconds(1));
        store.announce(leecher(infoHash(1), ipv4Peer(2)), 10);

        store.collectGarbage();

        long indexed = 0;
        long livePeers = 0;
        for (int i = 0; i < cluster.size(); i++) {
            // Only the node owning a key lists it (any other would answer MOVED to a read of it).
            for (String key : cluster.node(i).keys(prefix + "swarms")) {
                indexed += cluster.node(i).zcard(key);
            }
            for (String key : cluster.node(i).keys(prefix + "{*}:l4")) {
                livePeers += cluster.node(i).zcard(key);
            }
        }
        assertThat(indexed).isEqualTo(1);
        assertThat(livePeers).as("expired peers removed on every node").isEqualTo(1);
        assertThat(store.stats()).isEqualTo(new StoreStats(1, 0, 1));
    }

    @Test
    void anyAnsweringSeedIsEnough() throws IOException {
        int unused = RedisServers.freePort();
        String seeds = "redis://127.0.0.1:" + unused + ",redis://127.0.0.1:" + cluster.ports().get(1);
        try (RedisPeerStore other = new RedisPeerStore(seeds, true, prefix, clock, LIFETIME)) {
            store.announce(leecher(infoHash(3), ipv4Peer(1)), 10);
            assertThat(peers(other.announce(leecher(infoHash(3), ipv4Peer(2)), 10).peers4()))
                    .containsExactly(ipv4Peer(1));
            other.checkAvailable();
        }
    }

    @Test
    void unreachableSeedsFailFastWithoutHanging() throws IOException {
        String seeds = "redis://127.0.0.1:" + RedisServers.freePort() + ",redis://127.0.0.1:" + RedisServers.freePort();
        try (RedisPeerStore nowhere = new RedisPeerStore(seeds, true, "x:", clock, LIFETIME)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> nowhere.announce(leecher(infoHash(5), ipv4Peer(1)), 10))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(nowhere.announceAsync(leecher(infoHash(5), ipv4Peer(1)), 10).toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(5));
            assertThatThrownBy(() -> nowhere.scrape(List.of(infoHash(5)))).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(nowhere::checkAvailable).isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static void flushScriptsEverywhere() {
        for (int i = 0; i < cluster.size(); i++) {
            cluster.node(i).scriptFlush();
        }
    }
}
