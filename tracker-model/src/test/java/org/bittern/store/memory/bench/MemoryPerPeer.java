package org.bittern.store.memory.bench;

import static org.bittern.store.StoreFixtures.infoHash;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.Peer;
import org.bittern.store.StoreFixtures;
import org.bittern.store.StoreStats;
import org.bittern.store.memory.MemoryPeerStore;

/**
 * Heap bytes per peer of the memory store, the tracked figure of design §4: fills {@code peers} random peers
 * (a quarter seeders) into {@code swarms} swarms, then reports (used heap after − before) / peers, both read
 * after forced collections. Not a test: a main, run by hand.
 *
 * <p>Arguments: {@code [peers=1000000] [swarms=100000] [ipv6Percent=0]}. Classpath as for
 * {@link MemoryStoreBenchmark}: {@code java -Xmx4g -cp ... org.bittern.store.memory.bench.MemoryPerPeer}.
 */
public final class MemoryPerPeer {
    private MemoryPerPeer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int peers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int swarms = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int ipv6Percent = args.length > 2 ? Integer.parseInt(args[2]) : 0;

        long before = usedHeapAfterGc();
        MemoryPeerStore store = new MemoryPeerStore(Clock.systemUTC(), Duration.ofHours(1));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Round-robin over swarms, as real swarms grow side by side.
        for (int i = 0; i < peers; i++) {
            Peer peer = random.nextInt(100) < ipv6Percent ? StoreFixtures.randomIpv6Peer() : StoreFixtures.randomIpv4Peer();
            long left = i % 4 == 0 ? 0 : StoreFixtures.LEFT;
            store.announce(new AnnounceRequest(infoHash(i % swarms), peer, Event.STARTED, 0, 0, left, 0, false, Map.of()), 0);
        }
        long after = usedHeapAfterGc();
        StoreStats stats = store.stats();
        Reference.reachabilityFence(store);

        long stored = stats.seeders() + stats.leechers();
        System.out.printf("store: %s%n", stats);
        System.out.printf("peers=%d swarms=%d ipv6=%d%% heap used: before=%,d after=%,d delta=%,d%n",
                stored, stats.swarms(), ipv6Percent, before, after, after - before);
        System.out.printf("heap bytes per peer: %.1f%n", (after - before) / (double) stored);
        if (stored != peers) {
            throw new IllegalStateException("expected " + peers + " distinct peers, stored " + stored);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
