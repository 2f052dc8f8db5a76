package org.bittern.completed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bittern.store.StoreFixtures.infoHash;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.logging.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * The flusher's outage rules on a database that can be switched off: one warning per outage, no false recovery
 * while retries find nothing to do, and recovery noticed by an idle process too.
 */
class CompletedCountsTest {

    /** A database in memory that fails every call while {@link #down} is set. */
    static final class SwitchableDatabase implements CompletedCountsDatabase {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();
        final Map<InfoHash, Long> rows = new HashMap<>();

        @Override
        public synchronized Map<InfoHash, Long> add(Map<InfoHash, Long> increments) {
            answer();
            Map<InfoHash, Long> totals = new HashMap<>();
            increments.forEach((h, n) -> totals.put(h, rows.merge(h, n, Long::sum)));
            return totals;
        }

        @Override
        public synchronized Map<InfoHash, Long> read(Collection<InfoHash> hashes) {
            answer();
            Map<InfoHash, Long> totals = new HashMap<>();
            hashes.forEach(h -> {
                if (rows.containsKey(h)) {
                    totals.put(h, rows.get(h));
                }
            });
            return totals;
        }

        private void answer() {
            calls.incrementAndGet();
            if (down.get()) {
                throw new IllegalStateException("connection refused");
            }
        }
    }

    /** Flushes once a second, retries after 20 ms, 40 ms, ... up to 100 ms: many retries between two flushes. */
    private static final CompletedConfig CONFIG = new CompletedConfig(true, Duration.ofSeconds(1), 1000, 100, 100,
            Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(100));

    @Test
    void retriesBetweenFlushesDoNotEndTheOutageAndOneWarningCoversIt() {
        SwitchableDatabase db = new SwitchableDatabase();
        InfoHash torrent = infoHash(1);
        try (LogCapture log = LogCapture.of(CompletedCounts.class);
                CompletedCounts counts = CompletedCounts.start(CONFIG, db)) {
            db.down.set(true);
            counts.completed(torrent);
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.stats().flushErrors() >= 5);

            assertThat(log.at(Level.WARNING)).hasSize(1);
            assertThat(log.at(Level.INFO)).isEmpty();
            assertThat(counts.detail()).startsWith("degraded since").contains("connection refused")
                    .contains("1 completed of 1 torrents pending");
            assertThat(counts.withPersisted(scrape(torrent, 0)).files().get(0).downloaded()).isEqualTo(1);

            db.down.set(false);
            // The flusher empties the table, then marks the recovery, then logs it: wait for all three.
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.stats().pendingIncrements() == 0
                    && counts.detail().equals("current") && !log.at(Level.INFO).isEmpty());
            assertThat(db.rows).containsEntry(torrent, 1L);
            assertThat(log.at(Level.INFO)).singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).contains("reachable again"));
            assertThat(log.at(Level.WARNING)).hasSize(1);
        }
    }

    @Test
    void anIdleProcessNoticesThatPostgresIsBack() {
        SwitchableDatabase db = new SwitchableDatabase();
        try (LogCapture log = LogCapture.of(CompletedCounts.class);
                CompletedCounts counts = CompletedCounts.start(CONFIG, db)) {
            db.down.set(true);
            counts.withPersisted(scrape(infoHash(2), 0)); // a background read fails: the outage starts
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.detail().startsWith("degraded"));

            db.down.set(false);

            await().atMost(Duration.ofSeconds(5)).until(() -> counts.detail().equals("current")
                    && !log.at(Level.INFO).isEmpty());
            assertThat(log.at(Level.INFO)).hasSize(1);
        }
    }

    private static ScrapeResponse scrape(InfoHash torrent, long downloaded) {
        return new ScrapeResponse(List.of(new SwarmStats(torrent, 0, 0, downloaded)));
    }
}
