package org.bittern.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bittern.store.StoreFixtures.completed;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.ipv4Peer;
import static org.bittern.store.StoreFixtures.leecher;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.completed.CompletedConfig;
import org.bittern.completed.CompletedCounts;
import org.bittern.completed.CompletedCountsMiddleware;
import org.bittern.completed.CompletedCountsProducer;
import org.bittern.completed.CompletedStats;
import org.bittern.completed.ResourceLocalCompletedCounts;
import org.bittern.config.ConfigFixtures;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.logging.LogCapture;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStoreProducer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Persisted completed counts on a real PostgreSQL through the RESOURCE_LOCAL port and the real producers, middleware
 * and Tracker in Weld SE. One database for the class; the outage test stops it, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompletedCountsOverPostgresTest {

    private static EmbeddedDatabase db;
    private static EntityManagerFactory emf;
    private static LogCapture log;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.startMigrated();
        emf = Persistence.createEntityManagerFactory("bittern-test", db.jpaProperties());
        log = LogCapture.of(CompletedCounts.class);
    }

    @AfterAll
    static void stop() {
        log.close();
        TestCompletedCountsDatabase.current = null;
        if (emf != null) {
            emf.close();
        }
        db.close();
    }

    private static CountingCompletedCounts port() {
        return new CountingCompletedCounts(new ResourceLocalCompletedCounts(emf));
    }

    private static CompletedConfig config(Duration flushInterval, int flushEvents) {
        return new CompletedConfig(true, flushInterval, flushEvents, 100_000, 100_000, Duration.ofMillis(300),
                Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    @Test
    @Order(1)
    void aFlushWritesOneUpsertPerTorrentWithTheSummedIncrements() throws SQLException {
        CountingCompletedCounts port = port();
        InfoHash a = infoHash(101);
        InfoHash b = infoHash(102);
        InfoHash c = infoHash(103);
        // No flush by time; the sixth event starts one.
        try (CompletedCounts counts = CompletedCounts.start(config(Duration.ofHours(1), 6), port)) {
            for (InfoHash h : List.of(a, b, a, c, a)) {
                counts.completed(h);
            }
            await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
            assertThat(port.writes).isEmpty();

            counts.completed(b);

            await().atMost(Duration.ofSeconds(5)).until(() -> counts.stats().pendingIncrements() == 0);
            assertThat(port.writes).containsExactly(Map.of(a, 3L, b, 2L, c, 1L));
            assertThat(counts.stats().flushes()).isEqualTo(1);
        }
        assertThat(persisted(a)).isEqualTo(3);
        assertThat(persisted(b)).isEqualTo(2);
        assertThat(persisted(c)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void totalsAreExactWithSeveralThreadsRecordingWhileFlushesRun() throws Exception {
        int threads = 4;
        int perThread = 500;
        int torrents = 20;
        CountingCompletedCounts port = port();
        CompletedCounts counts = CompletedCounts.start(config(Duration.ofMillis(20), 1000), port);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch halfway = new CountDownLatch(threads);
        CountDownLatch flushedOnce = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        if (i == perThread / 2) {
                            // The second half is recorded after a flush, so recording and flushing interleave.
                            halfway.countDown();
                            flushedOnce.await();
                        }
                        counts.completed(infoHash(200 + i % torrents));
                    }
                    return null;
                });
            }
            go.countDown();
            assertThat(halfway.await(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.stats().flushes() >= 1);
            flushedOnce.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            counts.close(); // writes what is still pending
        }
        assertThat(port.writes.size()).isGreaterThan(1);
        for (int i = 0; i < torrents; i++) {
            assertThat(persisted(infoHash(200 + i))).isEqualTo((long) threads * perThread / torrents);
        }
        // Each write held each torrent at most once: one upsert row per torrent per flush.
        long written = port.writes.stream().flatMap(w -> w.values().stream()).mapToLong(Long::longValue).sum();
        assertThat(written).isEqualTo((long) threads * perThread);
    }

    @Test
    @Order(3)
    void countsSurviveARestartOfTheWholeContainer() throws Exception {
        InfoHash torrent = infoHash(301);
        TestCompletedCountsDatabase.current = port();
        try (WeldContainer first = container(Map.of())) {
            Tracker tracker = first.select(Tracker.class).get();
            for (int p = 1; p <= 3; p++) {
                tracker.announce(leecher(torrent, ipv4Peer(p)));
                tracker.announce(completed(torrent, ipv4Peer(p)));
            }
            tracker.announce(completed(torrent, ipv4Peer(1))); // repeated: the store does not count it, nor do we
            assertThat(scrape(tracker, torrent).downloaded()).isEqualTo(3);
        } // closing the container writes what is pending

        assertThat(persisted(torrent)).isEqualTo(3);
        try (WeldContainer second = container(Map.of())) {
            Tracker tracker = second.select(Tracker.class).get();
            tracker.announce(leecher(torrent, ipv4Peer(9)));
            tracker.announce(completed(torrent, ipv4Peer(9)));
            // The new store counts 1; the persisted 3 arrive by a background read, without the request waiting.
            await().atMost(Duration.ofSeconds(5)).until(() -> scrape(tracker, torrent).downloaded() == 4);
            assertThat(scrape(tracker, torrent).complete()).isEqualTo(1); // only downloaded comes from PostgreSQL
        }
        assertThat(persisted(torrent)).isEqualTo(4);
    }

    @Test
    @Order(4)
    void aScrapeSeesIncrementsThatAnotherProcessWrote() throws Exception {
        InfoHash torrent = infoHash(401);
        TestCompletedCountsDatabase.current = port();
        try (WeldContainer container = container(Map.of("tracker.completed.refresh-after", "200ms"))) {
            Tracker tracker = container.select(Tracker.class).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                scrape(tracker, torrent); // asks for the read
                return container.select(CompletedCounts.class).get().stats().cached() > 0;
            });
            db.execute("INSERT INTO completed_count (info_hash, completed) VALUES ('\\x" + torrent.toHex() + "', 17)");

            await().atMost(Duration.ofSeconds(5)).until(() -> scrape(tracker, torrent).downloaded() == 17);
        }
    }

    @Test
    @Order(5)
    void postgresStoppedAndRestartedWhileAnnouncesContinue() throws Exception {
        InfoHash[] torrents = {infoHash(501), infoHash(502), infoHash(503)};
        InfoHash overflowing = infoHash(504);
        TestCompletedCountsDatabase.current = port();
        log.clear();
        Map<InfoHash, Long> counted = new HashMap<>();
        int peer = 1;
        try (WeldContainer container = container(Map.of("tracker.completed.max-pending-swarms", "3"))) {
            Tracker tracker = container.select(Tracker.class).get();
            CompletedCounts counts = container.select(CompletedCounts.class).get();
            peer = announceCompleted(tracker, torrents, counted, peer, 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.stats().pendingIncrements() == 0);

            db.stop();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end) {
                peer = announceCompleted(tracker, torrents, counted, peer, 1);
                Thread.sleep(50);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> counts.stats().flushErrors() > 0);
            // A fourth torrent does not fit beside the three pending ones: dropped, but counted.
            tracker.announce(completed(overflowing, ipv4Peer(peer++)));
            CompletedStats down = counts.stats();
            assertThat(down.pendingSwarms()).isEqualTo(3);
            assertThat(down.overflow()).isEqualTo(1);
            assertThat(counts.ready()).isTrue();
            assertThat(counts.detail()).startsWith("degraded");
            // The scrape still answers at once, with what is persisted plus what is pending.
            assertThat(scrape(tracker, torrents[0]).downloaded()).isEqualTo(counted.get(torrents[0]));

            db.restart();
            peer = announceCompleted(tracker, torrents, counted, peer, 1);

            // Emptied first, recovery marked right after: wait for both.
            await().atMost(Duration.ofSeconds(40)).until(() -> counts.stats().pendingIncrements() == 0
                    && "current".equals(counts.detail()));
            for (InfoHash t : torrents) {
                assertThat(persisted(t)).isEqualTo(counted.get(t));
                assertThat(scrape(tracker, t).downloaded()).isEqualTo(counted.get(t));
            }
            assertThat(persisted(overflowing)).isZero();
            assertThat(counts.detail()).isEqualTo("current");
        }
        List<LogRecord> warnings = log.at(Level.WARNING);
        assertThat(warnings).hasSize(2); // one for the outage, one for the overflow
        assertThat(warnings).anyMatch(r -> r.getMessage().contains("unreachable"))
                .anyMatch(r -> r.getMessage().contains("overflow"));
        assertThat(log.at(Level.INFO)).anyMatch(r -> r.getMessage().contains("reachable again"));
    }

    /** One completed from a new peer on each torrent, {@code rounds} times; counts what the store counted. */
    private static int announceCompleted(Tracker tracker, InfoHash[] torrents, Map<InfoHash, Long> counted, int peer,
            int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (InfoHash t : torrents) {
                if (tracker.announce(completed(t, ipv4Peer(peer++))).downloadCounted()) {
                    counted.merge(t, 1L, Long::sum);
                }
            }
        }
        return peer;
    }

    private static WeldContainer container(Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "tracker.db.url", db.url(),
                "tracker.db.user", EmbeddedDatabase.USER,
                "tracker.db.password", EmbeddedDatabase.PASSWORD,
                "tracker.completed.flush-interval", "100ms"));
        config.putAll(extra);
        return ConfigFixtures.withConfig(config, () -> new Weld().disableDiscovery()
                .addBeanClasses(Tracker.class, PostHooks.class, PeerStoreProducer.class, TrackerConfigProducer.class,
                        CompletedCountsProducer.class, CompletedCountsMiddleware.class,
                        TestCompletedCountsDatabase.class)
                .initialize());
    }

    private static SwarmStats scrape(Tracker tracker, InfoHash torrent) {
        ScrapeResponse r = tracker.scrape(new ScrapeRequest(List.of(torrent), AddressFamily.IPV4, Map.of()));
        return r.files().get(0);
    }

    private static long persisted(InfoHash torrent) throws SQLException {
        return db.completedCount(torrent);
    }
}
