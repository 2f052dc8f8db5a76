package org.bittern.completed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bittern.bittorrent.InfoHash;
import org.bittern.store.StoreFixtures;

/**
 * {@link CountTable} against a plain model under arbitrary sequences of recorded downloads, flushes that succeed
 * or fail (PostgreSQL away), and background reads: nothing accepted is ever lost or counted twice, what is refused
 * is overflow, and the pending bound holds.
 */
class CountTableProperties {

    /** An operation: {@code op} 0-5 record torrent {@code hash}, 6 a failed flush, 7 a flush, 8 a read, 9 trim. */
    record Step(int op, int hash) {
    }

    @Property(tries = 300)
    void acceptedIncrementsAreWrittenExactlyOnceAndTheRestIsOverflow(@ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 1, max = 6) int maxPending) {
        CountTable table = new CountTable(maxPending, 4, Long.MAX_VALUE);
        Map<InfoHash, Long> database = new HashMap<>();
        Map<InfoHash, Long> accepted = new HashMap<>();
        long refused = 0;
        long now = 1;
        for (Step step : steps) {
            InfoHash hash = StoreFixtures.infoHash(step.hash());
            now++;
            switch (step.op()) {
                case 0, 1, 2, 3, 4, 5 -> {
                    if (table.record(hash, 1) < 0) {
                        refused++;
                    } else {
                        accepted.merge(hash, 1L, Long::sum);
                    }
                }
                case 6 -> table.pending(); // taken, then the write fails: nothing is applied
                case 7 -> {
                    Map<InfoHash, Long> pending = table.pending();
                    pending.forEach((h, n) -> database.merge(h, n, Long::sum));
                    Map<InfoHash, Long> totals = new HashMap<>();
                    pending.keySet().forEach(h -> totals.put(h, database.get(h)));
                    table.flushed(pending, totals, now);
                }
                case 8 -> {
                    table.downloaded(hash, 0, now); // queues it
                    List<InfoHash> asked = table.takeToLoad();
                    table.loaded(asked, database, now);
                }
                default -> table.trim();
            }
            assertThat(table.pendingSwarms()).isLessThanOrEqualTo(maxPending);
        }
        assertThat(table.overflow()).isEqualTo(refused);
        long pendingSum = 0;
        for (Map.Entry<InfoHash, Long> e : accepted.entrySet()) {
            CountTable.Entry entry = table.entry(e.getKey());
            long pending = entry == null ? 0 : entry.pending();
            pendingSum += pending;
            // Every accepted increment is either written or still pending, never both, never neither.
            assertThat(database.getOrDefault(e.getKey(), 0L) + pending).isEqualTo(e.getValue());
            if (entry != null && entry.persisted() != CountTable.UNKNOWN) {
                assertThat(table.downloaded(e.getKey(), 0, now)).isEqualTo(e.getValue());
            }
        }
        assertThat(table.pendingIncrements()).isEqualTo(pendingSum);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.integers().between(0, 9)
                .flatMap(op -> Arbitraries.integers().between(1, 8).map(h -> new Step(op, h)))
                .list().ofMaxSize(80);
    }
}
