package org.bittern.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.bittern.bittorrent.SwarmStats;

/**
 * The {@code limit} swarms with the most peers among those {@link #offer}ed: a bounded heap, so walking a million
 * swarms keeps {@code limit} of them, not a million. Not thread-safe; one per walk.
 */
public final class LargestSwarms {

    /** Most peers first; equal ones by info_hash, so the answer does not depend on the walk's order. */
    public static final Comparator<SwarmStats> MOST_PEERS_FIRST = Comparator
            .comparingLong((SwarmStats s) -> s.complete() + s.incomplete()).reversed()
            .thenComparing(SwarmStats::infoHash);

    private final int limit;
    /** The smallest kept on top, to be pushed out by a larger one. */
    private final PriorityQueue<SwarmStats> kept;

    public LargestSwarms(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
        this.kept = new PriorityQueue<>(Math.max(1, limit + 1), MOST_PEERS_FIRST.reversed());
    }

    /** Swarms without peers are not kept. */
    public void offer(SwarmStats swarm) {
        if (limit == 0 || swarm.complete() + swarm.incomplete() == 0) {
            return;
        }
        if (kept.size() < limit) {
            kept.add(swarm);
        } else if (MOST_PEERS_FIRST.compare(swarm, kept.peek()) < 0) {
            kept.poll();
            kept.add(swarm);
        }
    }

    /** Most peers first. */
    public List<SwarmStats> result() {
        List<SwarmStats> out = new ArrayList<>(kept);
        out.sort(MOST_PEERS_FIRST);
        return out;
    }
}
