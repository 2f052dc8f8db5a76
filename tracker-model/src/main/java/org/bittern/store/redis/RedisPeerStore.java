package org.bittern.store.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.PeerList;
import org.bittern.bittorrent.SubnetPreference;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.store.AnnounceResult;
import org.bittern.store.ExpiryRuns;
import org.bittern.store.LargestSwarms;
import org.bittern.store.PeerStore;
import org.bittern.store.StoreStats;
import org.bittern.store.StoreSummary;
import org.bittern.store.StoreUnavailableException;

/**
 * The shared {@link PeerStore} (design §4): swarms live in Redis, so the WAR, the UDP sidecar and more
 * nodes see the same peers.
 *
 * <p>Layout (see {@link SwarmKeys}): per swarm four ZSETs (seeders/leechers × IPv4/IPv6) whose members are
 * the packed {@link PeerList} entries {@code peer_id ‖ address ‖ port} and whose scores are the last
 * announce in ms, plus a download counter. A member is the peer's identity, so a re-announce only moves its
 * score, and sampled members are copied into the {@code PeerList} as they are, with no decoding. Each
 * announce is one {@code EVALSHA} of {@code announce.lua}, which expires, records, counts and samples
 * atomically. Time comes from the Java {@link Clock} (passed as an argument), never from Redis, so every
 * node and the tests agree on what "expired" means.
 *
 * <p>Abandoned swarms: the peer sets carry a TTL of the peer lifetime plus a margin, renewed by every
 * announce, and the download counter one of {@link #DOWNLOADS_RETENTION} (the memory store's retention), so
 * Redis drops them by itself and nothing ever runs {@code KEYS} or {@code SCAN}. For {@link #stats()} and
 * {@link #collectGarbage()} the store keeps an index ZSET {@code <prefix>swarms} of info_hashes scored by
 * last announce; it is written in the same pipeline as the script (no extra round trip) and trimmed by the
 * collector. In Redis Cluster that one key lives on one node; only stats and the collector read it.
 *
 * <p>Redis Cluster ({@code cluster = true}): the same commands through a {@link RedisClusterClient}, which sends
 * each to the node owning its first key's slot. Every script call names only keys of one swarm (one hash tag,
 * one slot), the index update and the walk's reads name only the index, and nothing else takes several keys, so
 * no command can be refused with {@code CROSSSLOT}: swarms spread over the nodes, the index stays on one.
 *
 * <p>Subnet preference: an announce that carries one ({@link AnnounceRequest#subnetPreference()}) also keeps
 * the announcer in two ZSETs of its subnet (seeders, leechers; {@link SwarmKeys#forSubnet}) under the swarm's
 * hash tag, and samples them before the family sets. Only announces with the preference maintain them, so
 * every node of a deployment needs the same {@code tracker.middleware.subnet-preference} section.
 *
 * <p>Failures: a short command timeout, fail-fast while disconnected and a bounded request queue, so a
 * Redis outage turns into {@link StoreUnavailableException} within about {@link #COMMAND_TIMEOUT} and never
 * into piled-up threads or buffered commands. Lettuce reconnects by itself (delay capped at
 * {@link #MAX_RECONNECT_DELAY}); scripts lost by a Redis restart are loaded again on {@code NOSCRIPT}. In a
 * cluster the same holds per node, and the client also follows {@code MOVED}/{@code ASK} and refreshes its view
 * of the slots on them and every {@link #TOPOLOGY_REFRESH}, so a failover or resharding needs no restart.
 */
public final class RedisPeerStore implements PeerStore {
    public static final Duration DOWNLOADS_RETENTION = Duration.ofHours(24);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);
    static final String GC_THREAD_NAME = "bittern-redis-gc";
    /** How often a cluster client re-reads the slot map even when no redirect told it to. */
    static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);
    /**
     * Redirects and reconnects refresh the slot map at most this often: a failover sends many MOVED at once, and
     * one refresh serves them all.
     */
    private static final Duration ADAPTIVE_REFRESH_LIMIT = Duration.ofSeconds(5);
    /** Headroom on the peer sets' TTL, so a key never vanishes while a peer in it is still alive. */
    private static final Duration TTL_MARGIN = Duration.ofMinutes(5);
    /** Commands queued per connection at most; beyond it a call fails at once instead of buffering. */
    private static final int REQUEST_QUEUE = 10_000;
    /** Swarms per pipelined batch when walking the index. */
    private static final int BATCH = 500;
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final System.Logger LOG = System.getLogger(RedisPeerStore.class.getName());

    private static final byte[] ZERO = ascii("0");
    private static final byte[] ONE = ascii("1");
    private static final byte[] EVENT_NONE = ascii("n");
    private static final byte[] EVENT_COMPLETED = ascii("c");
    private static final byte[] EVENT_STOPPED = ascii("s");

    private final Clock clock;
    private final long lifetimeMillis;
    private final byte[] peerTtl;
    private final byte[] downloadsTtl;
    private final SwarmKeys keys;
    private final LuaScript announceScript = new LuaScript("announce.lua");
    private final LuaScript scrapeScript = new LuaScript("scrape.lua");
    private final ClientResources resources;
    private final ExpiryRuns expiryRuns = new ExpiryRuns();
    /** A {@link RedisClient} or a {@link RedisClusterClient}: the rest of the store sees only {@link Link}s. */
    private final AbstractRedisClient client;
    private final Object lifecycle = new Object();
    private final AtomicLong lastLoggedFailure = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private volatile Link connection;
    /** The asynchronous calls' connection: its commands wait in the client until {@link #flush()}. */
    private volatile Link batchConnection;
    private long lastConnectFailure;
    private boolean connectFailed;
    private ScheduledExecutorService expiry;
    private boolean closed;

    /**
     * A connection with the two views of its commands, typed by what a single node's and a cluster's
     * connections have in common, so every call below is written once for both.
     */
    private record Link(StatefulConnection<byte[], byte[]> connection, RedisClusterCommands<byte[], byte[]> sync,
            RedisClusterAsyncCommands<byte[], byte[]> async) {
    }

    /** A store on one Redis node (or a Sentinel-managed one): {@code cluster = false}. */
    public RedisPeerStore(String redisUri, String keyPrefix, Clock clock, Duration peerLifetime) {
        this(redisUri, false, keyPrefix, clock, peerLifetime);
    }

    /**
     * Makes the client only: the connection is opened on first use (and retried on later calls), so a
     * tracker can start while Redis is still coming up.
     *
     * @param redisUri  a Lettuce URI ({@code redis://[password@]host:port[/db]}, {@code rediss://} for TLS); with
     *                  {@code cluster}, one or more seed nodes separated by commas, from which the client learns
     *                  the others ({@code tracker.store.redis.uri})
     * @param cluster   whether {@code redisUri} names nodes of a Redis Cluster ({@code tracker.store.redis.cluster})
     * @param keyPrefix put before every key, e.g. {@code bittern:} ({@code tracker.store.redis.key-prefix})
     */
    public RedisPeerStore(String redisUri, boolean cluster, String keyPrefix, Clock clock, Duration peerLifetime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (peerLifetime == null || peerLifetime.isNegative() || peerLifetime.isZero()) {
            throw new IllegalArgumentException("peerLifetime must be positive: " + peerLifetime);
        }
        this.lifetimeMillis = peerLifetime.toMillis();
        this.peerTtl = number(peerLifetime.plus(TTL_MARGIN).toMillis());
        this.downloadsTtl = number(Math.max(DOWNLOADS_RETENTION.toMillis(), peerLifetime.plus(TTL_MARGIN).toMillis()));
        this.keys = new SwarmKeys(Objects.requireNonNull(keyPrefix, "keyPrefix"));
        List<RedisURI> uris = uris(Objects.requireNonNull(redisUri, "redisUri"), cluster);
        for (RedisURI uri : uris) {
            if (uri.getTimeout().compareTo(COMMAND_TIMEOUT) > 0) {
                // Lettuce's default is 60 s: far too long for a request thread waiting on an announce.
                uri.setTimeout(COMMAND_TIMEOUT);
            }
        }
        Duration timeout = uris.get(0).getTimeout();
        // Own small resources: two I/O threads carry thousands of announces per second (one connection is
        // multiplexed), and the capped reconnect delay bounds how long recovery takes after an outage.
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        // Lettuce's defaults queue commands while disconnected, without limit, each caller then waiting out its
        // timeout: an outage would pile up request threads and memory. Here they are refused at once, while the
        // watchdog keeps reconnecting in the background. A cluster client applies the same to each node's
        // connection, so a node that is down fails its own swarms' calls at once and no others.
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build();
        if (cluster) {
            RedisClusterClient clusterClient = RedisClusterClient.create(resources, uris);
            clusterClient.setOptions(ClusterClientOptions.builder(options)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                            .enableAllAdaptiveRefreshTriggers()
                            .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_LIMIT)
                            .build())
                    .build());
            this.client = clusterClient;
        } else {
            RedisClient single = RedisClient.create(resources, uris.get(0));
            single.setOptions(options);
            this.client = single;
        }
    }

    /**
     * Parses {@code tracker.store.redis.uri}: one Lettuce URI, or with {@code cluster} one or more separated by
     * commas (the seed nodes; any one that answers is enough to learn the whole cluster).
     *
     * @throws IllegalArgumentException if a URI is malformed, or several are given without {@code cluster}
     */
    public static List<RedisURI> uris(String redisUri, boolean cluster) {
        if (!cluster) {
            return List.of(RedisURI.create(redisUri));
        }
        List<RedisURI> uris = new ArrayList<>();
        for (String part : redisUri.split(",", -1)) {
            uris.add(RedisURI.create(part.strip()));
        }
        return uris;
    }

    @Override
    public AnnounceResult announce(AnnounceRequest request, int numWant) {
        Call call = new Call(request, numWant);
        try {
            return result(announceScript.run(call.send(connection()).sync(), call.swarmKeys, call.args), call.own);
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public CompletionStage<AnnounceResult> announceAsync(AnnounceRequest request, int numWant) {
        Call call = new Call(request, numWant);
        try {
            return announceScript.runAsync(call.send(batchConnection()).async(), call.swarmKeys, call.args)
                    .handle((reply, error) -> {
                        if (error != null) {
                            throw unavailableAfter(error);
                        }
                        return result(reply, call.own);
                    });
        } catch (RedisException e) {
            return CompletableFuture.failedFuture(unavailable(e));
        }
    }

    /** One announce's keys and script arguments, the same for the blocking and the asynchronous call. */
    private final class Call {
        final AddressFamily own;
        final byte[][] swarmKeys;
        final byte[][] args;
        private final boolean stopped;
        private final long now;
        private final InfoHash infoHash;

        Call(AnnounceRequest request, int numWant) {
            Peer peer = request.peer();
            Event event = request.event();
            this.own = peer.family();
            this.stopped = event == Event.STOPPED;
            this.now = clock.millis();
            this.infoHash = request.infoHash();
            boolean seeder = request.isSeeder() || event == Event.COMPLETED;
            int prefix = request.subnetPreference().prefixLength(own);
            byte[][] familyKeys = keys.forAnnounce(infoHash, own);
            if (prefix == 0) {
                this.swarmKeys = familyKeys;
            } else {
                byte[][] subnetKeys = keys.forSubnet(infoHash, own, prefix, SubnetPreference.subnetBytes(peer.address(), prefix));
                this.swarmKeys = Arrays.copyOf(familyKeys, familyKeys.length + 2);
                this.swarmKeys[familyKeys.length] = subnetKeys[0];
                this.swarmKeys[familyKeys.length + 1] = subnetKeys[1];
            }
            this.args = new byte[][] {
                entry(peer),
                number(now),
                number(now - lifetimeMillis),
                stopped ? EVENT_STOPPED : event == Event.COMPLETED ? EVENT_COMPLETED : EVENT_NONE,
                seeder ? ONE : ZERO,
                number(stopped ? 0 : Math.max(0, numWant)),
                request.bothFamilies() ? ONE : ZERO,
                peerTtl,
                downloadsTtl,
                number(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE)),
            };
        }

        /**
         * The connection, after writing the swarm's index update on it: pipelined ahead of the script, no
         * round trip of its own, and not awaited (a lost update only delays stats and collection of this
         * swarm until its next announce, while its keys still expire by TTL).
         */
        Link send(Link c) {
            if (!stopped) {
                c.async().zadd(keys.index(), (double) now, infoHash.toBytes());
            }
            return c;
        }
    }

    /** The packed entry {@code peer_id(20) ‖ address(4|16) ‖ port(2)}: the ZSET member and the PeerList entry. */
    private static byte[] entry(Peer peer) {
        int addressLength = peer.family().addressLength();
        byte[] entry = new byte[PeerId.LENGTH + addressLength + 2];
        peer.id().copyTo(entry, 0);
        peer.copyAddressTo(entry, PeerId.LENGTH);
        entry[entry.length - 2] = (byte) (peer.port() >>> 8);
        entry[entry.length - 1] = (byte) peer.port();
        return entry;
    }

    /** Reads {@code { complete, incomplete, n_own, counted (0 or 1), own entries..., other entries... }}. */
    private static AnnounceResult result(List<Object> reply, AddressFamily own) {
        long complete = (Long) reply.get(0);
        long incomplete = (Long) reply.get(1);
        int ownCount = ((Long) reply.get(2)).intValue();
        boolean counted = (Long) reply.get(3) == 1L;
        int otherCount = reply.size() - 4 - ownCount;
        AddressFamily other = own == AddressFamily.IPV4 ? AddressFamily.IPV6 : AddressFamily.IPV4;
        PeerList ownPeers = peers(reply, 4, ownCount, own);
        PeerList otherPeers = peers(reply, 4 + ownCount, otherCount, other);
        return own == AddressFamily.IPV4
                ? new AnnounceResult(complete, incomplete, ownPeers, otherPeers, counted)
                : new AnnounceResult(complete, incomplete, otherPeers, ownPeers, counted);
    }

    private static PeerList peers(List<Object> reply, int from, int count, AddressFamily family) {
        if (count == 0) {
            return PeerList.empty(family);
        }
        PeerList list = new PeerList(family, count);
        for (int i = from; i < from + count; i++) {
            list.addEntry((byte[]) reply.get(i), 0);
        }
        return list;
    }

    @Override
    public List<SwarmStats> scrape(List<InfoHash> infoHashes) {
        if (infoHashes.isEmpty()) {
            return List.of();
        }
        List<byte[][]> keySets = new ArrayList<>(infoHashes.size());
        for (InfoHash h : infoHashes) {
            keySets.add(keys.all(h));
        }
        try {
            List<List<Object>> replies = figures(connection(), keySets, false);
            List<SwarmStats> stats = new ArrayList<>(infoHashes.size());
            for (int i = 0; i < infoHashes.size(); i++) {
                stats.add(swarmStats(infoHashes.get(i), replies.get(i)));
            }
            return stats;
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public CompletionStage<List<SwarmStats>> scrapeAsync(List<InfoHash> infoHashes) {
        if (infoHashes.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        byte[] cutoff = number(clock.millis() - lifetimeMillis);
        List<CompletableFuture<List<Object>>> replies = new ArrayList<>(infoHashes.size());
        try {
            RedisClusterAsyncCommands<byte[], byte[]> async = batchConnection().async();
            // Every call is written before any reply arrives: one round trip (per node) for the whole scrape.
            for (InfoHash h : infoHashes) {
                replies.add(scrapeScript.runAsync(async, keys.all(h), cutoff, ZERO));
            }
        } catch (RedisException e) {
            return CompletableFuture.failedFuture(unavailable(e));
        }
        return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).handle((done, error) -> {
            if (error != null) {
                throw unavailableAfter(error);
            }
            List<SwarmStats> stats = new ArrayList<>(infoHashes.size());
            for (int i = 0; i < infoHashes.size(); i++) {
                stats.add(swarmStats(infoHashes.get(i), replies.get(i).join()));
            }
            return stats;
        });
    }

    /** Reads the scrape script's {@code { complete, incomplete, downloaded }}. */
    private static SwarmStats swarmStats(InfoHash infoHash, List<Object> reply) {
        return new SwarmStats(infoHash, (Long) reply.get(0), (Long) reply.get(1), (Long) reply.get(2));
    }

    /**
     * Walks the swarm index in pipelined batches, removing expired members of each swarm, then drops index
     * entries of swarms nobody announced to within the lifetime (all their peers are expired by then).
     * Concurrent announces move entries within the index, so a walk may miss a swarm; that swarm is
     * still cleaned by its own next announce, by the next walk, or by its keys' TTL.
     */
    @Override
    public void collectGarbage() {
        try {
            Link c = connection();
            walkIndex(c, true, null);
            long cutoff = clock.millis() - lifetimeMillis;
            c.sync().zremrangebyscore(keys.index(), Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(cutoff)));
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    /**
     * Counts live peers of every indexed swarm: one pipelined batch of {@value #BATCH} swarms per round trip.
     * Its cost grows with the number of active swarms, so metrics should read it at scrape intervals, not per
     * request.
     */
    @Override
    public StoreStats stats() {
        return summary(0).totals();
    }

    /**
     * One {@code PING}: the cheap check for readiness probes, bounded by {@link #COMMAND_TIMEOUT} like every
     * command, and failing at once while the client is disconnected. It also opens the connection if no
     * announce has yet, so a tracker started before Redis turns ready without waiting for traffic.
     */
    @Override
    public void checkAvailable() {
        try {
            connection().sync().ping();
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<SwarmStats> largestSwarms(int limit) {
        return summary(limit).largest();
    }

    @Override
    public StoreSummary summary(int largest) {
        try {
            long[] totals = new long[3];
            LargestSwarms top = new LargestSwarms(largest);
            walkIndex(connection(), false, (hash, seeders, leechers, downloaded) -> {
                totals[0] += seeders + leechers > 0 ? 1 : 0;
                totals[1] += seeders;
                totals[2] += leechers;
                if (largest > 0) {
                    top.offer(new SwarmStats(InfoHash.of(hash), seeders, leechers, downloaded));
                }
            });
            return new StoreSummary(new StoreStats(totals[0], totals[1], totals[2]), top.result());
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    /** What a walk over every swarm sees of each. */
    @FunctionalInterface
    private interface SwarmVisitor {
        void visit(byte[] infoHash, long seeders, long leechers, long downloaded);
    }

    /** Runs scrape.lua over every indexed swarm, showing each one's figures to {@code visitor} (may be null). */
    private void walkIndex(Link c, boolean removeExpired, SwarmVisitor visitor) {
        RedisClusterCommands<byte[], byte[]> sync = c.sync();
        for (long start = 0; ; start += BATCH) {
            List<byte[]> hashes = sync.zrange(keys.index(), start, start + BATCH - 1);
            if (hashes.isEmpty()) {
                return;
            }
            List<byte[][]> keySets = new ArrayList<>(hashes.size());
            for (byte[] h : hashes) {
                keySets.add(keys.all(InfoHash.of(h)));
            }
            List<List<Object>> replies = figures(c, keySets, removeExpired);
            if (visitor != null) {
                for (int i = 0; i < replies.size(); i++) {
                    List<Object> r = replies.get(i);
                    visitor.visit(hashes.get(i), (Long) r.get(0), (Long) r.get(1), (Long) r.get(2));
                }
            }
            if (hashes.size() < BATCH) {
                return;
            }
        }
    }

    private List<List<Object>> figures(Link c, List<byte[][]> keySets, boolean removeExpired) {
        byte[] cutoff = number(clock.millis() - lifetimeMillis);
        // Backstop only: each command already fails after the client's command timeout.
        long wait = 2 * COMMAND_TIMEOUT.toMillis();
        return scrapeScript.runPipelined(c.async(), keySets, wait, cutoff, removeExpired ? ONE : ZERO);
    }

    /**
     * Runs {@link #collectGarbage()} every {@code gcInterval} on one daemon thread named
     * {@value #GC_THREAD_NAME}, until {@link #close()}. With several tracker nodes each sweeps; the sweep is
     * idempotent, so that only costs Redis time.
     */
    public void startBackgroundExpiry(Duration gcInterval) {
        if (gcInterval == null || gcInterval.isNegative() || gcInterval.isZero()) {
            throw new IllegalArgumentException("gcInterval must be positive: " + gcInterval);
        }
        synchronized (lifecycle) {
            if (closed || expiry != null) {
                throw new IllegalStateException(closed ? "store is closed" : "background expiry already started");
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, GC_THREAD_NAME);
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            long millis = gcInterval.toMillis();
            executor.scheduleWithFixedDelay(() -> {
                try {
                    expiryRuns.run(this::collectGarbage);
                } catch (RuntimeException e) {
                    // Keep sweeping: Redis may be back at the next round.
                    LOG.log(System.Logger.Level.WARNING, "Redis peer expiry failed", e);
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
            expiry = executor;
        }
    }

    @Override
    public ExpiryRuns expiryRuns() {
        return expiryRuns;
    }

    /** The shared connection, opened on first use; after a failed attempt, calls fail fast for a second. */
    private Link connection() {
        Link c = connection;
        if (c != null) {
            return c;
        }
        synchronized (lifecycle) {
            if (connection == null) {
                connection = open();
            }
            return connection;
        }
    }

    /**
     * The connection of {@link #announceAsync} and {@link #scrapeAsync}. Its commands are not written one by one
     * but when the frontend calls {@link #flush()} after a batch of requests: one write for the batch, and
     * Redis reads the batch at once, where one write per command cost both sides a system call per command.
     */
    private Link batchConnection() {
        Link c = batchConnection;
        if (c != null) {
            return c;
        }
        synchronized (lifecycle) {
            if (batchConnection == null) {
                Link opened = open();
                // In a cluster this holds for each node's link, also for links still connecting at a flush: Lettuce
                // flushes those once they are up (theFirstAsynchronousCallsOfAFreshStoreArriveWithTheFirstFlush).
                opened.connection().setAutoFlushCommands(false);
                batchConnection = opened;
            }
            return batchConnection;
        }
    }

    /** Opens a connection, under {@link #lifecycle}; after a failed attempt, fails fast for a second. */
    private Link open() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        long now = System.nanoTime();
        if (connectFailed && now - lastConnectFailure < TimeUnit.SECONDS.toNanos(1)) {
            throw new RedisException("Redis unreachable (retrying shortly)");
        }
        try {
            Link opened = connect();
            connectFailed = false;
            return opened;
        } catch (RedisException e) {
            connectFailed = true;
            lastConnectFailure = now;
            throw e;
        }
    }

    private Link connect() {
        if (client instanceof RedisClusterClient cluster) {
            // Reads the slot map from the first seed that answers, then routes each command by its first key.
            StatefulRedisClusterConnection<byte[], byte[]> c = cluster.connect(ByteArrayCodec.INSTANCE);
            return new Link(c, c.sync(), c.async());
        }
        StatefulRedisConnection<byte[], byte[]> c = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
        return new Link(c, c.sync(), c.async());
    }

    /** Writes the asynchronous calls made since the last flush, from any thread (in a cluster, to every node). */
    @Override
    public void flush() {
        Link c = batchConnection;
        if (c != null) {
            c.connection().flushCommands();
        }
    }

    /**
     * Clients get the one-line reason (a {@code ClientError} carries no cause or stack trace, being cheap by
     * design); the cause goes to the log, at WARNING at most every ten seconds so an outage does not flood it.
     */
    private StoreUnavailableException unavailable(RedisException cause) {
        long now = System.nanoTime();
        long last = lastLoggedFailure.get();
        if (now - last >= LOG_EVERY_NANOS && lastLoggedFailure.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "Redis peer store unavailable", cause);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "Redis peer store unavailable: {0}", cause.toString());
        }
        return new StoreUnavailableException();
    }

    /** {@link #unavailable(RedisException)} for the failure of an asynchronous call, as a future reports it. */
    private StoreUnavailableException unavailableAfter(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return unavailable(cause instanceof RedisException re ? re : new RedisException(cause));
    }

    @Override
    public void close() {
        ScheduledExecutorService executor;
        Link c;
        Link batch;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            executor = expiry;
            c = connection;
            batch = batchConnection;
            connection = null;
            batchConnection = null;
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (batch != null) {
            batch.connection().flushCommands();
            batch.connection().close();
        }
        if (c != null) {
            c.connection().close();
        }
        // No quiet period: nothing else uses these event loops.
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static byte[] number(long n) {
        return ascii(Long.toString(n));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
