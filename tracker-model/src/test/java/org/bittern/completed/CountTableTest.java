package org.bittern.completed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.store.StoreFixtures.infoHash;

import java.util.List;
import java.util.Map;
import org.bittern.bittorrent.InfoHash;
import org.junit.jupiter.api.Test;

class CountTableTest {

    private static final long REFRESH = 5_000;
    private final CountTable table = new CountTable(2, 3, REFRESH);
    private final InfoHash a = infoHash(1);
    private final InfoHash b = infoHash(2);
    private final InfoHash c = infoHash(3);

    @Test
    void beforeTheFirstReadScrapeShowsTheLargerOfTheStoresFigureAndThePending() {
        assertThat(table.downloaded(a, 7, 0)).isEqualTo(7); // unknown: the store's own figure, and a read is queued
        assertThat(table.takeToLoad()).containsExactly(a);

        table.record(a, 1);
        table.record(a, 1);
        assertThat(table.downloaded(a, 1, 0)).isEqualTo(2);
        assertThat(table.downloaded(a, 9, 0)).isEqualTo(9);
        assertThat(table.takeToLoad()).containsExactly(a);
    }

    @Test
    void afterAReadScrapeShowsPersistedPlusPendingAndReadsAgainWhenStale() {
        table.record(a, 2);
        table.loaded(List.of(a), Map.of(a, 40L), 100);

        assertThat(table.downloaded(a, 2, 100 + REFRESH)).isEqualTo(42);
        assertThat(table.loadRequested()).isFalse();
        assertThat(table.downloaded(a, 2, 101 + REFRESH)).isEqualTo(42);
        assertThat(table.takeToLoad()).containsExactly(a);
    }

    @Test
    void aTorrentWithoutARowReadsAsZero() {
        table.loaded(List.of(b), Map.of(), 1);
        assertThat(table.entry(b).persisted()).isZero();
        assertThat(table.downloaded(b, 0, 1)).isZero();
    }

    @Test
    void beyondTheBoundNewTorrentsAreOverflowButPendingOnesStillAdd() {
        assertThat(table.record(a, 1)).isEqualTo(1);
        assertThat(table.record(b, 1)).isEqualTo(2);

        assertThat(table.record(c, 1)).isEqualTo(-1);
        assertThat(table.record(c, 3)).isEqualTo(-1);
        assertThat(table.overflow()).isEqualTo(4);
        assertThat(table.record(a, 1)).isEqualTo(3); // already pending: still counted

        assertThat(table.pendingSwarms()).isEqualTo(2);
        assertThat(table.pendingIncrements()).isEqualTo(3);
        assertThat(table.entry(c)).isNull();
    }

    @Test
    void aFailedFlushKeepsEverythingAndLaterIncrementsMergeIn() {
        table.record(a, 1);
        Map<InfoHash, Long> failed = table.pending(); // the write of these failed: nothing applied
        assertThat(failed).containsExactly(Map.entry(a, 1L));
        table.record(a, 1);
        table.record(b, 1);

        Map<InfoHash, Long> retry = table.pending();
        assertThat(retry).containsOnly(Map.entry(a, 2L), Map.entry(b, 1L));
        table.record(a, 5); // arrives while the retry is on its way
        table.flushed(retry, Map.of(a, 12L, b, 1L), 50);

        assertThat(table.entry(a)).isEqualTo(new CountTable.Entry(12, 5, 50));
        assertThat(table.entry(b)).isEqualTo(new CountTable.Entry(1, 0, 50));
        assertThat(table.pendingSwarms()).isEqualTo(1);
        assertThat(table.pendingIncrements()).isEqualTo(5);
        assertThat(table.downloaded(a, 0, 50)).isEqualTo(17);
    }

    @Test
    void trimDropsOnlyTotalsWithoutPendingIncrements() {
        CountTable small = new CountTable(10, 2, REFRESH);
        small.record(a, 1);
        small.loaded(List.of(b, c, infoHash(4), infoHash(5)), Map.of(), 1); // only 1 more fits: cacheSize 2
        assertThat(small.size()).isEqualTo(2);
        small.record(b, 1);
        small.record(c, 1);
        small.flushed(Map.of(b, 1L, c, 1L), Map.of(b, 1L, c, 1L), 2);

        small.trim();

        assertThat(small.size()).isEqualTo(3); // a pending, plus at most 2 totals
        assertThat(small.entry(a).pending()).isEqualTo(1);
    }
}
