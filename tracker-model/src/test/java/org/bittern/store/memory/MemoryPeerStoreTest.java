package org.bittern.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.bittern.store.StoreFixtures.completed;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.ipv4Peer;
import static org.bittern.store.StoreFixtures.leecher;
import static org.bittern.store.StoreFixtures.stopped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.store.MutableClock;
import org.bittern.store.PeerStore;
import org.bittern.store.PeerStoreContract;
import org.bittern.store.StoreFixtures;
import org.bittern.store.StoreStats;
import org.junit.jupiter.api.Test;

class MemoryPeerStoreTest extends PeerStoreContract {

    @Override
    protected PeerStore createStore(MutableClock clock, Duration peerLifetime) {
        return new MemoryPeerStore(clock, peerLifetime);
    }

    private MemoryPeerStore memoryStore() {
        return (MemoryPeerStore) store;
    }

    @Test
    void backgroundExpiryRunsOnOneDaemonThreadUntilClosed() {
        store.announce(leecher(infoHash(1), ipv4Peer(1)), 10);
        clock.advance(LIFETIME.plusSeconds(1));

        memoryStore().startBackgroundExpiry(Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.stats().equals(new StoreStats(0, 0, 0)));
        Optional<Thread> gc = gcThread();
        assertThat(gc).isPresent();
        assertThat(gc.get().isDaemon()).isTrue();

        store.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> gcThread().isEmpty());
    }

    @Test
    void backgroundExpiryStartsOnceAndNotAfterClose() {
        memoryStore().startBackgroundExpiry(Duration.ofMinutes(1));

        assertThatThrownBy(() -> memoryStore().startBackgroundExpiry(Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
        store.close();
        assertThatThrownBy(() -> memoryStore().startBackgroundExpiry(Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noThreadIsStartedByTheConstructor() {
        try (MemoryPeerStore another = new MemoryPeerStore(clock, LIFETIME)) {
            another.collectGarbage();
            assertThat(gcThread()).isEmpty();
        }
    }

    @Test
    void downloadCountOfAnEmptySwarmIsKeptForTheRetentionAfterItsLastAnnounce() {
        try (MemoryPeerStore retaining = new MemoryPeerStore(clock, LIFETIME, Duration.ofHours(1))) {
            InfoHash torrent = infoHash(7);
            retaining.announce(leecher(torrent, ipv4Peer(1)), 10);
            retaining.announce(completed(torrent, ipv4Peer(1)), 10);
            retaining.announce(stopped(torrent, ipv4Peer(1), 0), 10);

            clock.advance(Duration.ofMinutes(59));
            retaining.collectGarbage();
            assertThat(retaining.scrape(List.of(torrent))).containsExactly(new SwarmStats(torrent, 0, 0, 1));
            assertThat(retaining.stats().swarms()).as("a swarm without peers is not counted").isZero();

            clock.advance(Duration.ofMinutes(2));
            retaining.collectGarbage();
            assertThat(retaining.scrape(List.of(torrent))).containsExactly(SwarmStats.empty(torrent));
        }
    }

    @Test
    void subSecondLifetimeIsRoundedUpNeverDown() {
        try (MemoryPeerStore shortLived = new MemoryPeerStore(clock, Duration.ofMillis(1_500))) {
            InfoHash torrent = infoHash(8);
            clock.advance(Duration.ofMillis(900));
            shortLived.announce(leecher(torrent, ipv4Peer(1)), 10);

            clock.advance(Duration.ofMillis(1_400));
            shortLived.collectGarbage();
            assertThat(shortLived.stats().leechers()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(2));
            shortLived.collectGarbage();
            assertThat(shortLived.stats().leechers()).isZero();
        }
    }

    @Test
    void negativeNumWantIsTreatedAsZero() {
        store.announce(leecher(infoHash(1), ipv4Peer(1)), 10);

        assertThat(store.announce(leecher(infoHash(1), ipv4Peer(2)), -1).peers4().isEmpty()).isTrue();
    }

    @Test
    void rejectsNonPositiveDurations() {
        assertThatThrownBy(() -> new MemoryPeerStore(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemoryPeerStore(clock, LIFETIME, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> memoryStore().startBackgroundExpiry(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shardCountIsAPowerOfTwoOfAboutTwicePerCore() {
        assertThat(MemoryPeerStore.shardCount(1)).isEqualTo(16);
        assertThat(MemoryPeerStore.shardCount(8)).isEqualTo(16);
        assertThat(MemoryPeerStore.shardCount(12)).isEqualTo(32);
        assertThat(MemoryPeerStore.shardCount(64)).isEqualTo(128);
        assertThat(MemoryPeerStore.shardCount(100_000)).isEqualTo(4096);
    }

    @Test
    void tablesGrowAndShrinkThroughTheIndexThreshold() {
        InfoHash torrent = infoHash(9);
        int peers = 3 * PeerTable.SCAN_LIMIT;
        for (int n = 0; n < peers; n++) {
            store.announce(leecher(torrent, ipv4Peer(n)), 0);
        }
        for (int n = 0; n < peers - 2; n++) {
            store.announce(stopped(torrent, ipv4Peer(n), StoreFixtures.LEFT), 0);
        }

        assertThat(StoreFixtures.peers(store.announce(leecher(torrent, ipv4Peer(peers - 1)), 100).peers4()))
                .containsExactly(ipv4Peer(peers - 2));
        assertThat(store.stats()).isEqualTo(new StoreStats(1, 0, 2));
    }

    private static Optional<Thread> gcThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(MemoryPeerStore.GC_THREAD_NAME) && t.isAlive())
                .findFirst();
    }
}
