package org.bittern.db;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bittern.bittorrent.InfoHash;
import org.bittern.completed.CompletedCountsDatabase;

/** The real port with every write recorded, to see what each flush sent (one upsert row per torrent). */
final class CountingCompletedCounts implements CompletedCountsDatabase {

    private final CompletedCountsDatabase real;
    final List<Map<InfoHash, Long>> writes = new CopyOnWriteArrayList<>();

    CountingCompletedCounts(CompletedCountsDatabase real) {
        this.real = real;
    }

    @Override
    public Map<InfoHash, Long> add(Map<InfoHash, Long> increments) {
        Map<InfoHash, Long> totals = real.add(increments);
        writes.add(Map.copyOf(increments)); // only writes that committed
        return totals;
    }

    @Override
    public Map<InfoHash, Long> read(Collection<InfoHash> hashes) {
        return real.read(hashes);
    }
}
