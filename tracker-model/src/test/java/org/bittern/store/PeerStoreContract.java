package org.bittern.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.store.StoreFixtures.bothFamilies;
import static org.bittern.store.StoreFixtures.completed;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.ipv4Peer;
import static org.bittern.store.StoreFixtures.ipv4Peers;
import static org.bittern.store.StoreFixtures.ipv6Peer;
import static org.bittern.store.StoreFixtures.ipv6Peers;
import static org.bittern.store.StoreFixtures.leecher;
import static org.bittern.store.StoreFixtures.peerId;
import static org.bittern.store.StoreFixtures.peerSet;
import static org.bittern.store.StoreFixtures.peers;
import static org.bittern.store.StoreFixtures.request;
import static org.bittern.store.StoreFixtures.seeder;
import static org.bittern.store.StoreFixtures.started;
import static org.bittern.store.StoreFixtures.stopped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerList;
import org.bittern.bittorrent.SubnetPreference;
import org.bittern.bittorrent.SwarmStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rules of {@link PeerStore}, run against every implementation: a store's test extends this class and
 * says how to make a fresh, empty store. Tests never sleep: time moves through the {@link MutableClock}.
 */
// A broken store may loop rather than fail: a separate thread lets the timeout report it.
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class PeerStoreContract {
    protected static final Duration LIFETIME = Duration.ofMinutes(30);
    protected static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    /** More than any swarm in these tests holds, unless a test is about the limit. */
    protected static final int ALL = 100_000;
    private static final int THREADS = 4;
    private static final int PEERS_PER_THREAD = 1_250;
    private static final int SWARMS = 8;

    protected MutableClock clock;
    protected PeerStore store;

    private final InfoHash torrent = infoHash(1);

    /** A fresh, empty store reading time from {@code clock}. Closed after each test. */
    protected abstract PeerStore createStore(MutableClock clock, Duration peerLifetime);

    @BeforeEach
    void createStore() {
        clock = new MutableClock(START);
        store = createStore(clock, LIFETIME);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private AnnounceResult announce(AnnounceRequest request) {
        return store.announce(request, ALL);
    }

    private void announceAll(List<Peer> peers, boolean asSeeders) {
        for (Peer p : peers) {
            announce(asSeeders ? seeder(torrent, p) : leecher(torrent, p));
        }
    }

    private SwarmStats scrape(InfoHash infoHash) {
        return store.scrape(List.of(infoHash)).get(0);
    }

    // ---- availability ----

    @Test
    void aStoreThatServesAnnouncesIsAvailable() {
        store.checkAvailable();
        announce(leecher(torrent, ipv4Peer(1)));

        store.checkAvailable();
    }

    @Test
    void theAsynchronousAnnounceRecordsAndSamplesLikeTheBlockingOne() throws Exception {
        announce(seeder(torrent, ipv4Peer(1)));
        var pending = store.announceAsync(leecher(torrent, ipv4Peer(2)), 50).toCompletableFuture();
        store.flush();
        AnnounceResult first = pending.get(5, TimeUnit.SECONDS);
        AnnounceResult second = announce(leecher(torrent, ipv4Peer(3)));

        assertThat(peerSet(first.peers4())).containsExactly(ipv4Peer(1));
        assertThat(first.complete()).isEqualTo(1);
        assertThat(first.incomplete()).isEqualTo(1);
        assertThat(second.incomplete()).as("the asynchronous announce was recorded").isEqualTo(2);
    }

    @Test
    void theAsynchronousScrapeGivesTheBlockingFigures() throws Exception {
        announce(seeder(torrent, ipv4Peer(1)));
        announce(leecher(torrent, ipv4Peer(2)));
        InfoHash unknown = infoHash(999_999);

        var pending = store.scrapeAsync(List.of(unknown, torrent)).toCompletableFuture();
        store.flush();
        assertThat(pending.get(5, TimeUnit.SECONDS))
                .isEqualTo(store.scrape(List.of(unknown, torrent)))
                .containsExactly(new SwarmStats(unknown, 0, 0, 0), new SwarmStats(torrent, 1, 1, 0));
    }

    // ---- sampling ----

    @Test
    void firstPeerOfASwarmGetsNoPeersAndIsCounted() {
        AnnounceResult result = announce(leecher(torrent, ipv4Peer(1)));

        assertThat(result.peers4().isEmpty()).isTrue();
        assertThat(result.peers6().isEmpty()).isTrue();
        assertThat(result.complete()).isZero();
        assertThat(result.incomplete()).isEqualTo(1);
    }

    @Test
    void announceReturnsTheOtherPeersButNeverTheAnnouncer() {
        announceAll(ipv4Peers(0, 3), false);

        AnnounceResult result = announce(leecher(torrent, ipv4Peer(1)));

        assertThat(peers(result.peers4())).containsExactlyInAnyOrder(ipv4Peer(0), ipv4Peer(2));
    }

    @Test
    void seederGetsOnlyLeechers() {
        announceAll(ipv4Peers(0, 4), true);
        announceAll(ipv4Peers(10, 13), false);

        AnnounceResult result = announce(seeder(torrent, ipv4Peer(0)));

        assertThat(peers(result.peers4())).containsExactlyInAnyOrderElementsOf(ipv4Peers(10, 13));
    }

    @Test
    void seederAmongSeedersOnlyGetsNothing() {
        announceAll(ipv4Peers(0, 5), true);

        AnnounceResult result = announce(seeder(torrent, ipv4Peer(2)));

        assertThat(result.peers4().isEmpty()).isTrue();
        assertThat(result.complete()).isEqualTo(5);
    }

    @Test
    void leecherGetsSeedersFirstThenLeechers() {
        List<Peer> seeders = ipv4Peers(0, 5);
        List<Peer> leechers = ipv4Peers(100, 120);
        announceAll(seeders, true);
        announceAll(leechers, false);

        for (int round = 0; round < 20; round++) {
            List<Peer> got = peers(store.announce(leecher(torrent, leechers.get(0)), 10).peers4());

            assertThat(got).hasSize(10).doesNotHaveDuplicates();
            assertThat(got.subList(0, 5)).containsExactlyInAnyOrderElementsOf(seeders);
            assertThat(got.subList(5, 10)).allMatch(leechers::contains).doesNotContain(leechers.get(0));
        }
    }

    @Test
    void leecherGetsOnlySeedersWhenThereAreEnough() {
        List<Peer> seeders = ipv4Peers(0, 30);
        announceAll(seeders, true);
        announceAll(ipv4Peers(100, 110), false);

        List<Peer> got = peers(store.announce(leecher(torrent, ipv4Peer(100)), 10).peers4());

        assertThat(got).hasSize(10).doesNotHaveDuplicates().allMatch(seeders::contains);
    }

    @Test
    void numWantIsRespected() {
        announceAll(ipv4Peers(0, 30), false);
        AnnounceRequest again = leecher(torrent, ipv4Peer(0));

        assertThat(store.announce(again, 7).peers4().size()).isEqualTo(7);
        assertThat(store.announce(again, 29).peers4().size()).isEqualTo(29);
        assertThat(store.announce(again, 30).peers4().size()).isEqualTo(29);
    }

    @Test
    void numWantZeroReturnsNoPeersButCounts() {
        announceAll(ipv4Peers(0, 5), true);
        announceAll(ipv6Peers(10, 15), false);

        AnnounceResult result = store.announce(bothFamilies(leecher(torrent, ipv4Peer(20)), true), 0);

        assertThat(result.peers4().isEmpty()).isTrue();
        assertThat(result.peers6().isEmpty()).isTrue();
        assertThat(result.complete()).isEqualTo(5);
        assertThat(result.incomplete()).isEqualTo(6);
    }

    @Test
    void sampleIsRandomWhenTheSwarmHasMoreThanNumWant() {
        List<Peer> seeders = ipv4Peers(0, 40);
        announceAll(seeders, true);
        Set<Set<Peer>> subsets = new HashSet<>();
        Set<Peer> firsts = new HashSet<>();
        Set<Peer> seen = new HashSet<>();

        for (int round = 0; round < 30; round++) {
            List<Peer> got = peers(store.announce(leecher(torrent, ipv4Peer(1000)), 5).peers4());
            assertThat(got).hasSize(5).doesNotHaveDuplicates();
            subsets.add(Set.copyOf(got));
            firsts.add(got.get(0));
            seen.addAll(got);
        }

        assertThat(subsets).as("distinct subsets over 30 announces").hasSizeGreaterThan(1);
        assertThat(firsts).as("distinct first peers").hasSizeGreaterThan(1);
        assertThat(seen).as("peers handed out at least once").hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void sampleOrderIsNotAFixedRotation() {
        announceAll(ipv4Peers(0, 40), true);
        Map<Peer, Set<Peer>> successors = new HashMap<>();

        for (int round = 0; round < 200; round++) {
            List<Peer> got = peers(store.announce(leecher(torrent, ipv4Peer(1000)), 5).peers4());
            successors.computeIfAbsent(got.get(0), p -> new HashSet<>()).add(got.get(1));
        }

        assertThat(successors.values()).as("peers seen right after a given first peer")
                .anyMatch(following -> following.size() > 1);
    }

    @Test
    void largeSwarmSamplingStaysCorrect() {
        List<Peer> seeders = ipv4Peers(0, 5_000);
        List<Peer> leechers = ipv4Peers(5_000, 10_000);
        announceAll(seeders, true);
        announceAll(leechers, false);
        Set<Peer> seederSet = new HashSet<>(seeders);
        Set<Peer> leecherSet = new HashSet<>(leechers);

        AnnounceResult fromLeecher = store.announce(leecher(torrent, leechers.get(7)), 200);
        assertThat(peers(fromLeecher.peers4())).hasSize(200).doesNotHaveDuplicates().allMatch(seederSet::contains);
        assertThat(fromLeecher.complete()).isEqualTo(5_000);
        assertThat(fromLeecher.incomplete()).isEqualTo(5_000);

        AnnounceResult fromSeeder = store.announce(seeder(torrent, seeders.get(3)), 200);
        assertThat(peers(fromSeeder.peers4())).hasSize(200).doesNotHaveDuplicates().allMatch(leecherSet::contains);

        List<Peer> everyone = peers(store.announce(leecher(torrent, leechers.get(7)), 20_000).peers4());
        assertThat(everyone).hasSize(9_999).doesNotHaveDuplicates().doesNotContain(leechers.get(7));
        assertThat(everyone.subList(0, 5_000)).allMatch(seederSet::contains);

        for (Peer p : leechers.subList(0, 2_500)) {
            announce(stopped(torrent, p, StoreFixtures.LEFT));
        }
        AnnounceResult after = store.announce(seeder(torrent, seeders.get(3)), 20_000);
        assertThat(peers(after.peers4())).containsExactlyInAnyOrderElementsOf(leechers.subList(2_500, 5_000));
        assertThat(after.incomplete()).isEqualTo(2_500);
    }

    // ---- seeders, leechers, downloads (BEP 3) ----

    @Test
    void leftZeroMakesASeeder() {
        AnnounceResult result = announce(seeder(torrent, ipv4Peer(1)));

        assertThat(result.complete()).isEqualTo(1);
        assertThat(result.incomplete()).isZero();
    }

    @Test
    void roleFollowsLeftOnEveryAnnounce() {
        announce(leecher(torrent, ipv4Peer(1)));
        assertThat(announce(seeder(torrent, ipv4Peer(1)))).extracting(AnnounceResult::complete, AnnounceResult::incomplete)
                .containsExactly(1L, 0L);
        assertThat(announce(leecher(torrent, ipv4Peer(1)))).extracting(AnnounceResult::complete, AnnounceResult::incomplete)
                .containsExactly(0L, 1L);
    }

    @Test
    void completedMovesALeecherToTheSeedersAndCountsOneDownload() {
        announce(started(torrent, ipv4Peer(1), StoreFixtures.LEFT));
        announce(leecher(torrent, ipv4Peer(2)));

        AnnounceResult result = announce(completed(torrent, ipv4Peer(1)));

        assertThat(result.complete()).isEqualTo(1);
        assertThat(result.incomplete()).isEqualTo(1);
        assertThat(result.downloadCounted()).isTrue();
        assertThat(scrape(torrent)).isEqualTo(new SwarmStats(torrent, 1, 1, 1));
    }

    @Test
    void repeatedCompletedCountsOnce() {
        assertThat(announce(leecher(torrent, ipv4Peer(1))).downloadCounted()).isFalse();
        // The result says whether this announce counted (the persisted completed counts follow it).
        assertThat(announce(completed(torrent, ipv4Peer(1))).downloadCounted()).isTrue();
        assertThat(announce(completed(torrent, ipv4Peer(1))).downloadCounted()).isFalse();
        announce(seeder(torrent, ipv4Peer(1)));

        assertThat(scrape(torrent)).isEqualTo(new SwarmStats(torrent, 1, 0, 1));
    }

    @Test
    void completedFromAStoredSeederIsNotADownload() {
        announce(started(torrent, ipv4Peer(1), 0));
        assertThat(announce(completed(torrent, ipv4Peer(1))).downloadCounted()).isFalse();

        assertThat(scrape(torrent).downloaded()).isZero();
    }

    @Test
    void completedFromAnUnknownPeerCountsAndStoresASeeder() {
        announce(completed(torrent, ipv4Peer(1)));

        assertThat(scrape(torrent)).isEqualTo(new SwarmStats(torrent, 1, 0, 1));
    }

    @Test
    void completedCountsPerPeer() {
        for (Peer p : ipv4Peers(0, 3)) {
            announce(leecher(torrent, p));
            announce(completed(torrent, p));
        }
        announce(leecher(torrent, ipv6Peer(9)));
        announce(completed(torrent, ipv6Peer(9)));

        assertThat(scrape(torrent)).isEqualTo(new SwarmStats(torrent, 4, 0, 4));
    }

    @Test
    void downloadCountOutlivesThePeersLeaving() {
        announce(leecher(torrent, ipv4Peer(1)));
        announce(completed(torrent, ipv4Peer(1)));
        announce(stopped(torrent, ipv4Peer(1), 0));

        assertThat(scrape(torrent)).isEqualTo(new SwarmStats(torrent, 0, 0, 1));
    }

    // ---- peer identity and leaving ----

    @Test
    void stoppedRemovesThePeerAndReturnsNoPeers() {
        announceAll(ipv4Peers(0, 3), false);

        AnnounceResult result = announce(bothFamilies(stopped(torrent, ipv4Peer(1), StoreFixtures.LEFT), true));

        assertThat(result.peers4().isEmpty()).isTrue();
        assertThat(result.peers6().isEmpty()).isTrue();
        assertThat(result.incomplete()).isEqualTo(2);
        assertThat(peers(announce(leecher(torrent, ipv4Peer(0))).peers4())).containsExactly(ipv4Peer(2));
    }

    @Test
    void stoppedSeederLeavesTheSeeders() {
        announceAll(ipv4Peers(0, 3), true);
        announce(leecher(torrent, ipv4Peer(9)));

        AnnounceResult result = announce(stopped(torrent, ipv4Peer(0), 0));

        assertThat(result.complete()).isEqualTo(2);
        assertThat(result.incomplete()).isEqualTo(1);
        assertThat(peers(announce(leecher(torrent, ipv4Peer(9))).peers4()))
                .containsExactlyInAnyOrder(ipv4Peer(1), ipv4Peer(2));
    }

    @Test
    void stoppedUnknownPeerChangesNothing() {
        AnnounceResult result = announce(stopped(torrent, ipv4Peer(1), StoreFixtures.LEFT));

        assertThat(result.complete()).isZero();
        assertThat(result.incomplete()).isZero();
        assertThat(result.peers4().isEmpty()).isTrue();
        assertThat(scrape(torrent)).isEqualTo(SwarmStats.empty(torrent));
        assertThat(store.stats()).isEqualTo(new StoreStats(0, 0, 0));
    }

    @Test
    void reannounceDoesNotDuplicateThePeer() {
        announce(started(torrent, ipv4Peer(1), StoreFixtures.LEFT));
        announce(leecher(torrent, ipv4Peer(1)));
        AnnounceResult third = announce(leecher(torrent, ipv4Peer(1)));

        assertThat(third.incomplete()).isEqualTo(1);
        assertThat(peers(announce(leecher(torrent, ipv4Peer(2))).peers4())).containsExactly(ipv4Peer(1));
    }

    @Test
    void samePeerIdOnAnotherPortIsAnotherPeer() {
        Peer a = Peer.of(peerId(1), StoreFixtures.ipv4Address(1), 6881);
        Peer b = Peer.of(peerId(1), StoreFixtures.ipv4Address(1), 6882);
        announce(leecher(torrent, a));

        AnnounceResult result = announce(leecher(torrent, b));

        assertThat(result.incomplete()).isEqualTo(2);
        assertThat(peers(result.peers4())).containsExactly(a);
    }

    @Test
    void samePeerIdAndPortOnAnotherAddressIsAnotherPeer() {
        Peer a = Peer.of(peerId(1), StoreFixtures.ipv4Address(1), 6881);
        Peer b = Peer.of(peerId(1), StoreFixtures.ipv4Address(2), 6881);
        announce(leecher(torrent, a));

        AnnounceResult result = announce(leecher(torrent, b));

        assertThat(result.incomplete()).isEqualTo(2);
        assertThat(peers(result.peers4())).containsExactly(a);
    }

    @Test
    void swarmsAreSeparate() {
        InfoHash other = infoHash(2);
        announce(leecher(torrent, ipv4Peer(1)));

        AnnounceResult result = announce(leecher(other, ipv4Peer(2)));

        assertThat(result.peers4().isEmpty()).isTrue();
        assertThat(result.incomplete()).isEqualTo(1);
    }

    // ---- expiry ----

    @Test
    void peerExpiresAfterItsLifetime() {
        announce(leecher(torrent, ipv4Peer(1)));
        clock.advance(LIFETIME.minusSeconds(1));
        announce(leecher(torrent, ipv4Peer(2)));

        store.collectGarbage();
        assertThat(scrape(torrent).incomplete()).as("not expired before its lifetime").isEqualTo(2);

        clock.advance(Duration.ofSeconds(2));
        store.collectGarbage();

        assertThat(scrape(torrent).incomplete()).isEqualTo(1);
        assertThat(peers(announce(leecher(torrent, ipv4Peer(3))).peers4())).containsExactly(ipv4Peer(2));
    }

    @Test
    void reannounceRenewsTheLifetime() {
        announce(seeder(torrent, ipv4Peer(1)));
        clock.advance(LIFETIME.minusSeconds(1));
        announce(seeder(torrent, ipv4Peer(1)));
        clock.advance(Duration.ofSeconds(2));

        store.collectGarbage();

        assertThat(scrape(torrent).complete()).isEqualTo(1);
    }

    @Test
    void expiryEmptiesTheSwarmAndTheFigures() {
        announceAll(ipv4Peers(0, 20), true);
        announceAll(ipv4Peers(100, 130), false);
        announce(leecher(torrent, ipv6Peer(5)));
        clock.advance(LIFETIME.plusMinutes(1));

        store.collectGarbage();

        assertThat(scrape(torrent)).extracting(SwarmStats::complete, SwarmStats::incomplete).containsExactly(0L, 0L);
        assertThat(store.stats()).isEqualTo(new StoreStats(0, 0, 0));
        assertThat(announce(leecher(torrent, ipv4Peer(999))).peers4().isEmpty()).isTrue();
    }

    @Test
    void expiryKeepsTheRoleOfSurvivors() {
        List<Peer> oldSeeders = ipv4Peers(0, 30);
        List<Peer> oldLeechers = ipv4Peers(100, 130);
        announceAll(oldSeeders, true);
        announceAll(oldLeechers, false);
        clock.advance(LIFETIME.dividedBy(2));
        List<Peer> newSeeders = ipv4Peers(200, 225);
        List<Peer> newLeechers = ipv4Peers(300, 320);
        announceAll(newSeeders, true);
        announceAll(newLeechers, false);
        clock.advance(LIFETIME.dividedBy(2).plusSeconds(1));

        store.collectGarbage();

        assertThat(scrape(torrent)).extracting(SwarmStats::complete, SwarmStats::incomplete).containsExactly(25L, 20L);
        List<Peer> got = peers(store.announce(leecher(torrent, newLeechers.get(0)), ALL).peers4());
        assertThat(got.subList(0, 25)).containsExactlyInAnyOrderElementsOf(newSeeders);
        assertThat(got.subList(25, got.size())).containsExactlyInAnyOrderElementsOf(newLeechers.subList(1, 20));
        assertThat(peers(store.announce(seeder(torrent, newSeeders.get(0)), ALL).peers4()))
                .containsExactlyInAnyOrderElementsOf(newLeechers);
    }

    // ---- address families (BEP 7) ----

    /** IPv4 leechers 1 and 2, IPv6 leecher 3 and IPv6 seeder 4. */
    private void mixedSwarm() {
        announce(leecher(torrent, ipv4Peer(1)));
        announce(leecher(torrent, ipv4Peer(2)));
        announce(leecher(torrent, ipv6Peer(3)));
        announce(seeder(torrent, ipv6Peer(4)));
    }

    @Test
    void ownFamilyOnlyUnlessBothAreAllowed() {
        mixedSwarm();
        AnnounceResult v4 = announce(leecher(torrent, ipv4Peer(1)));
        AnnounceResult v6 = announce(leecher(torrent, ipv6Peer(3)));

        assertThat(v4.peers4().family()).isEqualTo(AddressFamily.IPV4);
        assertThat(peers(v4.peers4())).containsExactly(ipv4Peer(2));
        assertThat(v4.peers6().isEmpty()).isTrue();
        assertThat(v6.peers6().family()).isEqualTo(AddressFamily.IPV6);
        assertThat(peers(v6.peers6())).containsExactly(ipv6Peer(4));
        assertThat(v6.peers4().isEmpty()).isTrue();
    }

    @Test
    void countsCoverBothFamilies() {
        mixedSwarm();
        AnnounceResult result = announce(leecher(torrent, ipv4Peer(1)));

        assertThat(result.complete()).isEqualTo(1);
        assertThat(result.incomplete()).isEqualTo(3);
        assertThat(scrape(torrent)).isEqualTo(new SwarmStats(torrent, 1, 3, 0));
    }

    @Test
    void bothFamiliesAddsTheOtherFamily() {
        mixedSwarm();
        AnnounceResult v4 = announce(bothFamilies(leecher(torrent, ipv4Peer(1)), true));
        AnnounceResult v6 = announce(bothFamilies(leecher(torrent, ipv6Peer(3)), true));

        assertThat(peers(v4.peers4())).containsExactly(ipv4Peer(2));
        assertThat(peers(v4.peers6())).containsExactlyInAnyOrder(ipv6Peer(3), ipv6Peer(4));
        assertThat(peers(v4.peers6())).allMatch(p -> p.family() == AddressFamily.IPV6);
        assertThat(peers(v6.peers6())).containsExactly(ipv6Peer(4));
        assertThat(peers(v6.peers4())).containsExactlyInAnyOrder(ipv4Peer(1), ipv4Peer(2));
    }

    @Test
    void otherFamilyFollowsTheRoleRules() {
        mixedSwarm();
        AnnounceResult seeder = announce(bothFamilies(seeder(torrent, ipv4Peer(9)), true));
        AnnounceResult leecher = announce(bothFamilies(leecher(torrent, ipv4Peer(8)), true));

        assertThat(peers(seeder.peers6())).containsExactly(ipv6Peer(3));
        assertThat(peers(leecher.peers6())).containsExactly(ipv6Peer(4), ipv6Peer(3));
    }

    @Test
    void ownFamilyFirstThenTheOtherUpToNumWant() {
        mixedSwarm();
        announceAll(ipv6Peers(100, 110), false);
        AnnounceRequest request = bothFamilies(leecher(torrent, ipv4Peer(50)), true);

        AnnounceResult five = store.announce(request, 5);
        AnnounceResult two = store.announce(request, 2);

        assertThat(five.peers4().size()).isEqualTo(2);
        assertThat(five.peers6().size()).isEqualTo(3);
        assertThat(two.peers4().size()).isEqualTo(2);
        assertThat(two.peers6().size()).isZero();
    }

    @Test
    void samePeerIdInBothFamiliesIsTwoPeers() {
        mixedSwarm();
        AnnounceResult result = announce(leecher(torrent, ipv6Peer(1)));

        assertThat(result.incomplete()).isEqualTo(4);
        assertThat(announce(stopped(torrent, ipv6Peer(1), StoreFixtures.LEFT)).incomplete()).isEqualTo(3);
        assertThat(peers(announce(leecher(torrent, ipv4Peer(2))).peers4())).containsExactly(ipv4Peer(1));
    }

    // ---- scrape (BEP 48) and stats ----

    @Test
    void scrapeGivesFiguresInRequestOrderAndZerosForUnknownTorrents() {
        InfoHash busy = infoHash(10);
        InfoHash unknown = infoHash(11);
        InfoHash quiet = infoHash(12);
        announce(seeder(busy, ipv4Peer(1)));
        announce(seeder(busy, ipv6Peer(2)));
        announce(leecher(busy, ipv4Peer(3)));
        announce(leecher(busy, ipv4Peer(4)));
        announce(completed(busy, ipv4Peer(4)));
        announce(leecher(quiet, ipv4Peer(5)));

        List<SwarmStats> stats = store.scrape(List.of(quiet, unknown, busy));

        assertThat(stats).containsExactly(
                new SwarmStats(quiet, 0, 1, 0),
                SwarmStats.empty(unknown),
                new SwarmStats(busy, 3, 1, 1));
        assertThat(store.scrape(List.of())).isEmpty();
    }

    @Test
    void largestSwarmsAreThoseWithTheMostPeersOfBothFamiliesMostFirst() {
        assertThat(store.largestSwarms(3)).isEmpty();
        InfoHash small = infoHash(30);
        InfoHash large = infoHash(31);
        InfoHash middle = infoHash(32);
        InfoHash gone = infoHash(33);
        announce(seeder(small, ipv4Peer(1)));
        for (int p = 0; p < 5; p++) {
            announce(leecher(large, ipv4Peer(10 + p)));
            announce(seeder(large, ipv6Peer(20 + p)));
        }
        announce(completed(large, ipv4Peer(10)));
        announce(leecher(middle, ipv4Peer(30)));
        announce(leecher(middle, ipv6Peer(31)));
        announce(leecher(gone, ipv4Peer(40)));
        announce(stopped(gone, ipv4Peer(40), StoreFixtures.LEFT));

        assertThat(store.largestSwarms(2)).containsExactly(
                new SwarmStats(large, 6, 4, 1),
                new SwarmStats(middle, 0, 2, 0));
        assertThat(store.largestSwarms(10)).extracting(SwarmStats::infoHash)
                .as("swarms without peers are left out").containsExactly(large, middle, small);
        assertThat(store.largestSwarms(0)).isEmpty();
        assertThat(store.summary(2)).as("one walk, the same figures")
                .isEqualTo(new StoreSummary(store.stats(), store.largestSwarms(2)));
        assertThat(store.summary(0).largest()).isEmpty();
        assertThat(store.summary(0).totals()).isEqualTo(new StoreStats(3, 7, 6));
    }

    @Test
    void statsCountSwarmsWithPeersAndPeersByRole() {
        assertThat(store.stats()).isEqualTo(new StoreStats(0, 0, 0));
        InfoHash a = infoHash(20);
        InfoHash b = infoHash(21);
        announce(seeder(a, ipv4Peer(1)));
        announce(leecher(a, ipv4Peer(2)));
        announce(leecher(a, ipv6Peer(3)));
        announce(leecher(b, ipv4Peer(4)));
        announce(completed(b, ipv4Peer(4)));

        assertThat(store.stats()).isEqualTo(new StoreStats(2, 2, 2));

        announce(stopped(b, ipv4Peer(4), 0));
        announce(stopped(a, ipv6Peer(3), StoreFixtures.LEFT));

        assertThat(store.stats()).isEqualTo(new StoreStats(1, 1, 1));
    }

    // ---- concurrency ----

    /**
     * Each thread drives its own peers through started, an interval announce, completed (even peers), a
     * re-announce and stopped (every fifth peer), about 5k announces per thread, on swarms shared by all
     * threads. The totals must come out exact.
     */
    @Test
    void parallelAnnouncesOnSharedSwarmsKeepExactCounts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    go.await();
                    return drive(thread);
                };
                done.add(pool.submit(work));
            }
            go.countDown();
            int announces = 0;
            for (Future<Integer> f : done) {
                announces += f.get(100, TimeUnit.SECONDS);
            }
            assertThat(announces).isGreaterThanOrEqualTo(THREADS * 4_500);
        } finally {
            pool.shutdownNow();
        }

        long totalSeeders = 0;
        long totalLeechers = 0;
        for (int s = 0; s < SWARMS; s++) {
            long seeders = 0;
            long leechers = 0;
            long downloads = 0;
            for (int k = s; k < PEERS_PER_THREAD; k += SWARMS) {
                boolean even = k % 2 == 0;
                downloads += even ? THREADS : 0;
                if (k % 5 != 0) {
                    seeders += even ? THREADS : 0;
                    leechers += even ? 0 : THREADS;
                }
            }
            assertThat(scrape(infoHash(s))).as("swarm %d", s)
                    .isEqualTo(new SwarmStats(infoHash(s), seeders, leechers, downloads));
            totalSeeders += seeders;
            totalLeechers += leechers;
        }
        assertThat(store.stats()).isEqualTo(new StoreStats(SWARMS, totalSeeders, totalLeechers));
    }

    private int drive(int thread) {
        int announces = 0;
        int[] phases = {0, 1, 2, 3, 4};
        for (int phase : phases) {
            for (int k = 0; k < PEERS_PER_THREAD; k++) {
                Peer peer = (k & 1) == 0 ? ipv4Peer(thread * 100_000 + k) : ipv6Peer(thread * 100_000 + k);
                InfoHash swarm = infoHash(k % SWARMS);
                boolean even = k % 2 == 0;
                AnnounceRequest request = switch (phase) {
                    case 0 -> started(swarm, peer, StoreFixtures.LEFT);
                    case 1 -> leecher(swarm, peer);
                    case 2 -> even ? completed(swarm, peer) : null;
                    case 3 -> even ? seeder(swarm, peer) : leecher(swarm, peer);
                    default -> k % 5 == 0 ? stopped(swarm, peer, even ? 0 : StoreFixtures.LEFT) : null;
                };
                if (request == null) {
                    continue;
                }
                AnnounceResult result = store.announce(bothFamilies(request, true), 10);
                announces++;
                assertThat(peerSet(result.peers4())).doesNotContain(peer).hasSize(result.peers4().size());
                assertThat(peerSet(result.peers6())).doesNotContain(peer).hasSize(result.peers6().size());
            }
        }
        return announces;
    }

    /**
     * Random announces against a plain model of the rules: after every announce the counts, and the full
     * sample (numWant above the swarm size), must be exactly what the model says. Time moves in steps that
     * never land on the lifetime boundary, and garbage collection runs after each step.
     */
    @Test
    void randomAnnouncesMatchAModelOfTheRules() {
        Random random = new Random(20250101);
        Duration step = Duration.ofMinutes(7);
        List<Peer> pool = new ArrayList<>(ipv4Peers(0, 40));
        pool.addAll(ipv6Peers(0, 40));
        Map<Peer, Boolean> seederByPeer = new HashMap<>();
        Map<Peer, Instant> lastSeen = new HashMap<>();
        long downloads = 0;

        for (int op = 0; op < 2_000; op++) {
            if (op % 50 == 49) {
                clock.advance(step);
                Instant oldestKept = clock.instant().minus(LIFETIME);
                lastSeen.entrySet().removeIf(e -> e.getValue().isBefore(oldestKept));
                seederByPeer.keySet().retainAll(lastSeen.keySet());
                store.collectGarbage();
            }
            Peer peer = pool.get(random.nextInt(pool.size()));
            Event event = Event.values()[random.nextInt(Event.values().length)];
            long left = random.nextInt(3) == 0 ? 0 : StoreFixtures.LEFT;
            boolean both = random.nextBoolean();

            Boolean wasSeeder = seederByPeer.get(peer);
            if (event == Event.STOPPED) {
                seederByPeer.remove(peer);
                lastSeen.remove(peer);
            } else {
                if (event == Event.COMPLETED && !Boolean.TRUE.equals(wasSeeder)) {
                    downloads++;
                }
                seederByPeer.put(peer, left == 0 || event == Event.COMPLETED);
                lastSeen.put(peer, clock.instant());
            }

            AnnounceResult result = store.announce(request(torrent, peer, event, left, both), ALL);

            String at = "op " + op + ": " + event + " left=" + left + " " + peer;
            long seeders = seederByPeer.values().stream().filter(s -> s).count();
            assertThat(result.complete()).as(at).isEqualTo(seeders);
            assertThat(result.incomplete()).as(at).isEqualTo(seederByPeer.size() - seeders);
            if (event == Event.STOPPED) {
                assertThat(result.peers4().isEmpty() && result.peers6().isEmpty()).as(at).isTrue();
                continue;
            }
            boolean requesterIsSeeder = seederByPeer.get(peer);
            for (AddressFamily family : AddressFamily.values()) {
                PeerList got = family == AddressFamily.IPV4 ? result.peers4() : result.peers6();
                boolean offered = family == peer.family() || both;
                Set<Peer> expected = seederByPeer.entrySet().stream()
                        .filter(e -> offered && e.getKey().family() == family && !e.getKey().equals(peer))
                        .filter(e -> !requesterIsSeeder || !e.getValue())
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
                List<Peer> list = peers(got);
                assertThat(list).as(at + " " + family).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
                long seedersOffered = expected.stream().filter(seederByPeer::get).count();
                assertThat(list.subList(0, (int) seedersOffered)).as(at + " seeders first").allMatch(seederByPeer::get);
            }
        }
        assertThat(scrape(torrent).downloaded()).isEqualTo(downloads);
    }

    // ---- subnet preference (issue 5): own subnet first, found without walking the swarm ----

    private static final SubnetPreference PREFER_24_64 = new SubnetPreference(24, 64);
    private static final int SUBNETS = 5;
    private static final int SEEDERS_EACH = 6;
    private static final int LEECHERS_EACH = 10;

    /** 10.0.{subnet}.{host}: one /24 per subnet number. */
    private static Peer v4(int subnet, int host) {
        return Peer.of(peerId(1_000_000 + subnet * 1000 + host), new byte[] {10, 0, (byte) subnet, (byte) host},
                StoreFixtures.BASE_PORT);
    }

    /** 2001:db8:0:{subnet}::{host}: one /64 per subnet number. */
    private static Peer v6(int subnet, int host) {
        byte[] a = StoreFixtures.ipv6Address(0);
        a[6] = (byte) (subnet >>> 8);
        a[7] = (byte) subnet;
        a[14] = (byte) (host >>> 8);
        a[15] = (byte) host;
        return Peer.of(peerId(2_000_000 + subnet * 1000 + host), a, StoreFixtures.BASE_PORT);
    }

    private interface PeerMaker {
        Peer peer(int subnet, int host);
    }

    /**
     * {@value #SUBNETS} subnets of {@value #SEEDERS_EACH} seeders (hosts 1..) and {@value #LEECHERS_EACH}
     * leechers (hosts 101..), announced round-robin across subnets so no subnet sits in one block of the swarm.
     */
    private void subnetSwarm(PeerMaker maker) {
        for (int host = 0; host < Math.max(SEEDERS_EACH, LEECHERS_EACH); host++) {
            for (int subnet = 0; subnet < SUBNETS; subnet++) {
                if (host < SEEDERS_EACH) {
                    announce(seeder(torrent, maker.peer(subnet, 1 + host)).withSubnetPreference(PREFER_24_64));
                }
                if (host < LEECHERS_EACH) {
                    announce(leecher(torrent, maker.peer(subnet, 101 + host)).withSubnetPreference(PREFER_24_64));
                }
            }
        }
    }

    private static List<Peer> hosts(PeerMaker maker, int subnet, int firstHost, int count) {
        List<Peer> peers = new ArrayList<>();
        for (int h = firstHost; h < firstHost + count; h++) {
            peers.add(maker.peer(subnet, h));
        }
        return peers;
    }

    private static List<Peer> otherSubnets(PeerMaker maker, int own, int firstHost, int count) {
        List<Peer> peers = new ArrayList<>();
        for (int subnet = 0; subnet < SUBNETS; subnet++) {
            if (subnet != own) {
                peers.addAll(hosts(maker, subnet, firstHost, count));
            }
        }
        return peers;
    }

    @Test
    void aLeecherGetsItsOwnSlash24SeedersThenLeechersThenOtherSeeders() {
        subnetSwarm(PeerStoreContract::v4);
        AnnounceRequest request = leecher(torrent, v4(2, 200)).withSubnetPreference(PREFER_24_64);

        List<Peer> got = peers(store.announce(request, 30).peers4());

        assertThat(got).hasSize(30).doesNotHaveDuplicates().doesNotContain(v4(2, 200));
        assertThat(got.subList(0, 6)).containsExactlyInAnyOrderElementsOf(hosts(PeerStoreContract::v4, 2, 1, 6));
        assertThat(got.subList(6, 16)).containsExactlyInAnyOrderElementsOf(hosts(PeerStoreContract::v4, 2, 101, 10));
        assertThat(got.subList(16, 30)).isSubsetOf(otherSubnets(PeerStoreContract::v4, 2, 1, SEEDERS_EACH));
    }

    @Test
    void aSeederGetsItsOwnSubnetsLeechersThenOtherLeechersOnly() {
        subnetSwarm(PeerStoreContract::v4);
        AnnounceRequest request = seeder(torrent, v4(3, 3)).withSubnetPreference(PREFER_24_64);

        List<Peer> got = peers(store.announce(request, 25).peers4());

        assertThat(got).hasSize(25).doesNotHaveDuplicates();
        assertThat(got.subList(0, 10)).containsExactlyInAnyOrderElementsOf(hosts(PeerStoreContract::v4, 3, 101, 10));
        assertThat(got.subList(10, 25)).isSubsetOf(otherSubnets(PeerStoreContract::v4, 3, 101, LEECHERS_EACH));
    }

    @Test
    void anIpv6LeecherGetsItsOwnSlash64FirstThenTheRestThenIpv4() {
        subnetSwarm(PeerStoreContract::v6);
        announce(leecher(torrent, v4(1, 1)));
        announce(seeder(torrent, v4(2, 2)));
        AnnounceRequest request = bothFamilies(leecher(torrent, v6(4, 150)), true).withSubnetPreference(PREFER_24_64);

        AnnounceResult result = store.announce(request, ALL);

        List<Peer> got = peers(result.peers6());
        assertThat(got).hasSize(SUBNETS * (SEEDERS_EACH + LEECHERS_EACH)).doesNotHaveDuplicates();
        assertThat(got.subList(0, 6)).containsExactlyInAnyOrderElementsOf(hosts(PeerStoreContract::v6, 4, 1, 6));
        assertThat(got.subList(6, 16)).containsExactlyInAnyOrderElementsOf(hosts(PeerStoreContract::v6, 4, 101, 10));
        assertThat(got.subList(16, 40)).containsExactlyInAnyOrderElementsOf(otherSubnets(PeerStoreContract::v6, 4, 1, 6));
        assertThat(got.subList(40, 80)).containsExactlyInAnyOrderElementsOf(otherSubnets(PeerStoreContract::v6, 4, 101, 10));
        assertThat(peers(result.peers4())).containsExactly(v4(2, 2), v4(1, 1));
    }

    @Test
    void aSubnetLargerThanNumWantFillsTheWholeSampleAtRandom() {
        subnetSwarm(PeerStoreContract::v4);
        AnnounceRequest request = leecher(torrent, v4(1, 250)).withSubnetPreference(PREFER_24_64);
        Set<Peer> seen = new HashSet<>();

        for (int i = 0; i < 40; i++) {
            List<Peer> four = peers(store.announce(request, 4).peers4());
            assertThat(four).hasSize(4).doesNotHaveDuplicates().isSubsetOf(hosts(PeerStoreContract::v4, 1, 1, 6));
            seen.addAll(four);
        }
        List<Peer> eight = peers(store.announce(request, 8).peers4());

        assertThat(seen).as("different announces get different seeders").hasSizeGreaterThan(4);
        assertThat(eight.subList(0, 6)).containsExactlyInAnyOrderElementsOf(hosts(PeerStoreContract::v4, 1, 1, 6));
        assertThat(eight.subList(6, 8)).isSubsetOf(hosts(PeerStoreContract::v4, 1, 101, 10));
    }

    @Test
    void prefixesOffTheByteBoundaryGroupByTheirBits() {
        // 10.0.4.0/22 is 10.0.4.x to 10.0.7.x.
        for (int subnet = 2; subnet <= 9; subnet++) {
            announce(seeder(torrent, v4(subnet, 1)).withSubnetPreference(new SubnetPreference(22, 0)));
        }
        AnnounceRequest request = leecher(torrent, v4(5, 9)).withSubnetPreference(new SubnetPreference(22, 0));

        List<Peer> got = peers(store.announce(request, ALL).peers4());

        assertThat(got.subList(0, 4)).containsExactlyInAnyOrder(v4(4, 1), v4(5, 1), v4(6, 1), v4(7, 1));
        assertThat(got.subList(4, 8)).containsExactlyInAnyOrder(v4(2, 1), v4(3, 1), v4(8, 1), v4(9, 1));
    }

    @Test
    void withoutAPrefixForItsFamilyAPeerGetsThePlainSample() {
        subnetSwarm(PeerStoreContract::v6);
        AnnounceRequest request = leecher(torrent, v6(2, 200)).withSubnetPreference(new SubnetPreference(24, 0));

        List<Peer> got = peers(store.announce(request, ALL).peers6());

        assertThat(got).hasSize(80);
        assertThat(got.subList(0, 30)).as("seeders first, from every subnet")
                .containsExactlyInAnyOrderElementsOf(otherSubnets(PeerStoreContract::v6, -1, 1, 6));
    }

    @Test
    void theOwnSubnetFollowsStopsRoleChangesAndExpiry() {
        subnetSwarm(PeerStoreContract::v4);
        AnnounceRequest me = leecher(torrent, v4(0, 222)).withSubnetPreference(PREFER_24_64);
        announce(stopped(torrent, v4(0, 1), 0).withSubnetPreference(PREFER_24_64));
        announce(seeder(torrent, v4(0, 101)).withSubnetPreference(PREFER_24_64));
        announce(leecher(torrent, v4(0, 2)).withSubnetPreference(PREFER_24_64));

        List<Peer> got = peers(store.announce(me, 16).peers4());

        List<Peer> ownSeeders = new ArrayList<>(hosts(PeerStoreContract::v4, 0, 3, 4));
        ownSeeders.add(v4(0, 101));
        assertThat(got.subList(0, 5)).containsExactlyInAnyOrderElementsOf(ownSeeders);
        assertThat(got.subList(5, 15)).contains(v4(0, 2)).doesNotContain(v4(0, 101))
                .isSubsetOf(hosts(PeerStoreContract::v4, 0, 2, 120));
        assertThat(got).doesNotContain(v4(0, 1));

        // Everyone but one own-subnet seeder and one stranger falls silent for the peer lifetime.
        clock.advance(LIFETIME.minusMinutes(1));
        announce(seeder(torrent, v4(0, 4)).withSubnetPreference(PREFER_24_64));
        announce(seeder(torrent, v4(3, 4)).withSubnetPreference(PREFER_24_64));
        clock.advance(Duration.ofMinutes(2));
        store.collectGarbage();

        assertThat(peers(store.announce(me, ALL).peers4())).containsExactly(v4(0, 4), v4(3, 4));
    }

    @Test
    void theAsynchronousAnnounceKeepsTheSubnetPreference() throws Exception {
        subnetSwarm(PeerStoreContract::v4);
        AnnounceRequest request = leecher(torrent, v4(4, 77)).withSubnetPreference(PREFER_24_64);

        var pending = store.announceAsync(request, 16).toCompletableFuture();
        store.flush();
        List<Peer> got = peers(pending.get(5, TimeUnit.SECONDS).peers4());

        assertThat(got.subList(0, 6)).containsExactlyInAnyOrderElementsOf(hosts(PeerStoreContract::v4, 4, 1, 6));
        assertThat(got.subList(6, 16)).containsExactlyInAnyOrderElementsOf(hosts(PeerStoreContract::v4, 4, 101, 10));
    }

    /**
     * Random announces with the preference against a model: every live peer of the requester's family that the
     * role rules allow is returned once, ranked own-subnet seeders, own-subnet leechers, other seeders, other
     * leechers (a seeder's list holds leechers only).
     */
    @Test
    void randomAnnouncesWithThePreferenceKeepOwnSubnetFirst() {
        Random random = new Random(20250105);
        List<Peer> pool = new ArrayList<>();
        for (int subnet = 0; subnet < 4; subnet++) {
            pool.addAll(hosts(PeerStoreContract::v4, subnet, 1, 12));
            pool.addAll(hosts(PeerStoreContract::v6, subnet, 1, 12));
        }
        Map<Peer, Boolean> seederByPeer = new HashMap<>();
        Map<Peer, Instant> lastSeen = new HashMap<>();

        for (int op = 0; op < 1_500; op++) {
            if (op % 60 == 59) {
                clock.advance(Duration.ofMinutes(9));
                Instant oldestKept = clock.instant().minus(LIFETIME);
                lastSeen.entrySet().removeIf(e -> e.getValue().isBefore(oldestKept));
                seederByPeer.keySet().retainAll(lastSeen.keySet());
                store.collectGarbage();
            }
            Peer peer = pool.get(random.nextInt(pool.size()));
            Event event = Event.values()[random.nextInt(Event.values().length)];
            long left = random.nextInt(3) == 0 ? 0 : StoreFixtures.LEFT;
            if (event == Event.STOPPED) {
                seederByPeer.remove(peer);
                lastSeen.remove(peer);
            } else {
                seederByPeer.put(peer, left == 0 || event == Event.COMPLETED);
                lastSeen.put(peer, clock.instant());
            }

            AnnounceResult result = store.announce(
                    request(torrent, peer, event, left, false).withSubnetPreference(PREFER_24_64), ALL);

            if (event == Event.STOPPED) {
                continue;
            }
            String at = "op " + op + ": " + event + " left=" + left + " " + peer;
            boolean requesterIsSeeder = seederByPeer.get(peer);
            Set<Peer> expected = seederByPeer.entrySet().stream()
                    .filter(e -> e.getKey().family() == peer.family() && !e.getKey().equals(peer))
                    .filter(e -> !requesterIsSeeder || !e.getValue())
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            List<Peer> got = peers(peer.family() == AddressFamily.IPV4 ? result.peers4() : result.peers6());
            assertThat(got).as(at).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            List<Integer> ranks = got.stream().map(p -> rank(peer, p, seederByPeer.get(p))).toList();
            assertThat(ranks).as(at + " ranks").isSorted();
        }
    }

    private static int rank(Peer requester, Peer p, boolean seeder) {
        int prefix = PREFER_24_64.prefixLength(p.family());
        boolean near = SubnetPreference.sameSubnet(requester.address(), 0, p.address(), 0,
                p.family().addressLength(), prefix);
        return (near ? 0 : 2) + (seeder ? 0 : 1);
    }
}
