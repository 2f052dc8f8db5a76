package org.bittern.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.store.AnnounceResult;
import org.bittern.store.ExpiryRuns;
import org.bittern.store.LargestSwarms;
import org.bittern.store.PeerStore;
import org.bittern.store.StoreStats;

/**
 * The in-process {@link PeerStore}: swarms spread over lock-striped shards, peers kept as flat byte
 * records (see {@link PeerTable}) so that a million peers are a few thousand arrays, not a million objects.
 *
 * <p>Concurrency: an info_hash always maps to the same shard, and every operation on a swarm holds that
 * shard's lock once, so an announce records, samples and counts atomically while announces to other shards
 * proceed in parallel. Expiry walks one shard at a time; it never holds more than one lock.
 *
 * <p>Download counts: a swarm whose last peer left keeps its {@code downloaded} figure (and only that: its
 * peer tables are released) so scrapes stay right between a torrent's bursts of activity. It is forgotten
 * once nobody has announced to it for the {@code emptySwarmRetention} (default {@link #DEFAULT_EMPTY_SWARM_RETENTION}),
 * which bounds memory on a tracker that sees many short-lived torrents; durable counts are the database's
 * job (design §5). A swarm that never counted a download is dropped as soon as it has no peers.
 *
 * <p>Times are kept as whole seconds since the store was made, in an {@code int} per peer.
 */
public final class MemoryPeerStore implements PeerStore {
    public static final Duration DEFAULT_EMPTY_SWARM_RETENTION = Duration.ofHours(24);
    private final ExpiryRuns expiryRuns = new ExpiryRuns();
    static final String GC_THREAD_NAME = "bittern-store-gc";
    private static final int MIN_SHARDS = 16;
    private static final int MAX_SHARDS = 1 << 12;
    private static final System.Logger LOG = System.getLogger(MemoryPeerStore.class.getName());

    private final Clock clock;
    private final long epochSecond;
    private final int peerLifetimeSeconds;
    private final int emptySwarmRetentionSeconds;
    private final Shard[] shards;
    private final int shardMask;
    private final Object expiryLock = new Object();
    private ScheduledExecutorService expiry;
    private boolean closed;

    public MemoryPeerStore(Clock clock, Duration peerLifetime) {
        this(clock, peerLifetime, DEFAULT_EMPTY_SWARM_RETENTION);
    }

    /**
     * @param peerLifetime        how long a peer stays without announcing (rounded up to whole seconds)
     * @param emptySwarmRetention how long a swarm without peers keeps its download count after its last announce
     */
    public MemoryPeerStore(Clock clock, Duration peerLifetime, Duration emptySwarmRetention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.peerLifetimeSeconds = positiveSeconds(peerLifetime, "peerLifetime");
        this.emptySwarmRetentionSeconds = positiveSeconds(emptySwarmRetention, "emptySwarmRetention");
        this.epochSecond = Math.floorDiv(clock.millis(), 1000);
        int count = shardCount(Runtime.getRuntime().availableProcessors());
        this.shards = new Shard[count];
        for (int i = 0; i < count; i++) {
            shards[i] = new Shard();
        }
        this.shardMask = count - 1;
    }

    /** About two stripes per core so that contention stays rare, a power of two to pick one with a mask. */
    static int shardCount(int cores) {
        int wanted = Math.max(MIN_SHARDS, 2 * cores);
        return Math.min(MAX_SHARDS, Integer.highestOneBit(wanted - 1) << 1);
    }

    /**
     * Runs {@link #collectGarbage()} every {@code gcInterval} on one daemon thread named
     * {@value #GC_THREAD_NAME}, until {@link #close()}.
     */
    public void startBackgroundExpiry(Duration gcInterval) {
        long millis = gcInterval.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("gcInterval must be positive: " + gcInterval);
        }
        synchronized (expiryLock) {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            if (expiry != null) {
                throw new IllegalStateException("background expiry already started");
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, GC_THREAD_NAME);
                thread.setDaemon(true);
                return thread;
            });
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            executor.scheduleWithFixedDelay(() -> expiryRuns.run(this::collectGarbageLogged), millis, millis,
                    TimeUnit.MILLISECONDS);
            expiry = executor;
        }
    }

    @Override
    public AnnounceResult announce(AnnounceRequest request, int numWant) {
        int now = nowSeconds();
        // Built outside the lock: the lock covers only the swarm work.
        byte[] record = PeerTable.recordOf(request.peer(), now);
        return shardOf(request.infoHash()).announce(request, record, Math.max(0, numWant), now);
    }

    @Override
    public List<SwarmStats> scrape(List<InfoHash> infoHashes) {
        List<SwarmStats> stats = new ArrayList<>(infoHashes.size());
        for (InfoHash infoHash : infoHashes) {
            stats.add(shardOf(infoHash).scrape(infoHash));
        }
        return stats;
    }

    @Override
    public void collectGarbage() {
        int now = nowSeconds();
        int oldestPeerKept = now - peerLifetimeSeconds;
        int oldestCountKept = now - emptySwarmRetentionSeconds;
        for (Shard shard : shards) {
            shard.collectGarbage(oldestPeerKept, oldestCountKept);
        }
    }

    @Override
    public ExpiryRuns expiryRuns() {
        return expiryRuns;
    }

    @Override
    public StoreStats stats() {
        long swarms = 0;
        long seeders = 0;
        long leechers = 0;
        for (Shard shard : shards) {
            StoreStats s = shard.stats();
            swarms += s.swarms();
            seeders += s.seeders();
            leechers += s.leechers();
        }
        return new StoreStats(swarms, seeders, leechers);
    }

    @Override
    public List<SwarmStats> largestSwarms(int limit) {
        LargestSwarms largest = new LargestSwarms(limit);
        for (Shard shard : shards) {
            shard.offerSwarms(largest);
        }
        return largest.result();
    }

    /** Always available: the swarms live in this process, so there is nothing to reach. */
    @Override
    public void checkAvailable() {
    }

    /** Stops background expiry; the store itself stays usable (it holds no other resources). */
    @Override
    public void close() {
        ScheduledExecutorService executor;
        synchronized (expiryLock) {
            closed = true;
            executor = expiry;
            expiry = null;
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void collectGarbageLogged() {
        try {
            collectGarbage();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep expiring on the next tick.
            LOG.log(System.Logger.Level.ERROR, "peer expiry failed", e);
        }
    }

    private Shard shardOf(InfoHash infoHash) {
        int h = infoHash.hashCode();
        return shards[(h ^ (h >>> 16)) & shardMask];
    }

    private int nowSeconds() {
        return (int) (Math.floorDiv(clock.millis(), 1000) - epochSecond);
    }

    private static int positiveSeconds(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        // Rounded up: with whole-second timestamps a peer is then never dropped before its lifetime.
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE / 2, seconds);
    }
}
