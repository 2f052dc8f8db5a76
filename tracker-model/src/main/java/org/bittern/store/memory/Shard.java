package org.bittern.store.memory;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerList;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.store.AnnounceResult;
import org.bittern.store.LargestSwarms;
import org.bittern.store.StoreStats;

/**
 * One lock stripe of the memory store: the swarms whose info_hash maps here, and their running totals.
 * Every method takes the lock once, so an announce (record, sample, counts) is atomic and announces to
 * swarms of other shards never wait for it.
 */
final class Shard {
    private final ReentrantLock lock = new ReentrantLock();
    // InfoHash is Comparable, so a bucket flooded with colliding hashes degrades to a tree, not a list.
    private final Map<InfoHash, Swarm> swarms = new HashMap<>();
    // Totals kept on every change so stats() never walks the swarms.
    private long seeders;
    private long leechers;
    private long swarmsWithPeers;

    AnnounceResult announce(AnnounceRequest request, byte[] record, int want, int now) {
        InfoHash infoHash = request.infoHash();
        lock.lock();
        try {
            Swarm swarm = swarms.get(infoHash);
            if (swarm == null) {
                if (request.event() == Event.STOPPED) {
                    return new AnnounceResult(0, 0, PeerList.empty(AddressFamily.IPV4), PeerList.empty(AddressFamily.IPV6));
                }
                swarm = new Swarm();
                swarms.put(infoHash, swarm);
            }
            long seedersBefore = swarm.seeders();
            long leechersBefore = swarm.leechers();
            boolean hadPeers = swarm.hasPeers();
            AnnounceResult result = swarm.announce(request, record, want, now);
            seeders += result.complete() - seedersBefore;
            leechers += result.incomplete() - leechersBefore;
            if (hadPeers != swarm.hasPeers()) {
                swarmsWithPeers += hadPeers ? -1 : 1;
            }
            if (!swarm.hasPeers() && swarm.downloaded() == 0) {
                swarms.remove(infoHash);
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    SwarmStats scrape(InfoHash infoHash) {
        lock.lock();
        try {
            Swarm swarm = swarms.get(infoHash);
            return swarm == null
                    ? SwarmStats.empty(infoHash)
                    : new SwarmStats(infoHash, swarm.seeders(), swarm.leechers(), swarm.downloaded());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Expires peers last seen before {@code oldestPeerKept}; forgets swarms without peers unless they hold
     * a download count and were announced to at or after {@code oldestCountKept}.
     */
    void collectGarbage(int oldestPeerKept, int oldestCountKept) {
        lock.lock();
        try {
            for (Iterator<Swarm> it = swarms.values().iterator(); it.hasNext(); ) {
                Swarm swarm = it.next();
                if (swarm.hasPeers()) {
                    long seedersBefore = swarm.seeders();
                    long leechersBefore = swarm.leechers();
                    swarm.expire(oldestPeerKept);
                    seeders += swarm.seeders() - seedersBefore;
                    leechers += swarm.leechers() - leechersBefore;
                    if (!swarm.hasPeers()) {
                        swarmsWithPeers--;
                    }
                }
                if (!swarm.hasPeers() && (swarm.downloaded() == 0 || swarm.lastAnnounce() < oldestCountKept)) {
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Offers every swarm of this shard to {@code largest}. */
    void offerSwarms(LargestSwarms largest) {
        lock.lock();
        try {
            swarms.forEach((hash, swarm) -> {
                if (swarm.hasPeers()) {
                    largest.offer(new SwarmStats(hash, swarm.seeders(), swarm.leechers(), swarm.downloaded()));
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /** This shard's share of the store figures. */
    StoreStats stats() {
        lock.lock();
        try {
            return new StoreStats(swarmsWithPeers, seeders, leechers);
        } finally {
            lock.unlock();
        }
    }
}
