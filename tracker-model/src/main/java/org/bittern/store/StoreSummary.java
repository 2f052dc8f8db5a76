package org.bittern.store;

import java.util.List;
import java.util.Objects;
import org.bittern.bittorrent.SwarmStats;

/**
 * What one walk over a store finds: its totals and its largest swarms, most peers first.
 *
 * @param totals  as {@link PeerStore#stats()}
 * @param largest as {@link PeerStore#largestSwarms(int)}
 */
public record StoreSummary(StoreStats totals, List<SwarmStats> largest) {
    public StoreSummary {
        Objects.requireNonNull(totals, "totals");
        largest = List.copyOf(largest);
    }
}
