package org.bittern.udp.bench;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bittern.config.TrackerConfig;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStoreProducer;
import org.bittern.store.StoreFixtures;
import org.bittern.store.StoreStats;
import org.bittern.store.memory.MemoryPeerStore;
import org.bittern.udp.Bep15;
import org.bittern.udp.ConnectionIds;
import org.bittern.udp.Datagrams;
import org.bittern.udp.SidecarMetrics;
import org.bittern.udp.UdpRequestHandler;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One BEP 15 announce through the sidecar's handler, without socket I/O: decode, connection-id check, the
 * {@link Tracker} (through the CDI proxy and interceptor chain, or called directly), the memory store, the
 * response and the metrics. The load resembles {@code udpload}: 10,000 torrents, Zipf-free uniform picks,
 * 25 % seeders, about 35 peers per answer. The socket's own cost is measured by the whole-server benchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UdpHandlerBenchmark {
    static final int TORRENTS = 10_000;
    static final int REQUESTS = 1 << 14;
    static final long NOW = 1_795_000_000L;
    static final byte[][] CLIENTS = {{127, 0, 0, 1}, {127, 0, 0, 2}, {127, 0, 0, 3}, {127, 0, 0, 4}};
    static final byte[] KEY = "benchmark-key-0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    WeldContainer container;
    UdpRequestHandler viaContainer;
    UdpRequestHandler direct;
    ByteBuffer[] requests;
    final ByteBuffer out = ByteBuffer.allocate(Bep15.MAX_RESPONSE_LENGTH);
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        container = new Weld().disableDiscovery()
                .addBeanClasses(Tracker.class, PostHooks.class, PeerStoreProducer.class, TrackerConfigProducer.class)
                .initialize();
        PostHooks postHooks = container.select(PostHooks.class).get();
        SidecarMetrics metrics = new SidecarMetrics(() -> new StoreStats(0, 0, 0), postHooks::shed);
        viaContainer = new UdpRequestHandler(container.select(Tracker.class).get(), postHooks, metrics,
                new ConnectionIds(KEY, 150, 10), false, () -> NOW);
        MemoryPeerStore store = new MemoryPeerStore(Clock.systemUTC(), Duration.ofMinutes(31));
        direct = new UdpRequestHandler(new Tracker(store, TrackerConfig.defaults()), postHooks, metrics,
                new ConnectionIds(KEY, 150, 10), false, () -> NOW);

        ConnectionIds ids = new ConnectionIds(KEY, 150, 10);
        SplittableRandom random = new SplittableRandom(42);
        requests = new ByteBuffer[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            byte[] client = CLIENTS[i & 3];
            requests[i] = Datagrams.announce(ids.issue(client, 4, NOW), i, StoreFixtures.infoHash(random.nextInt(TORRENTS)),
                    StoreFixtures.peerId(random.nextInt(100_000)), random.nextInt(4) == 0 ? 0 : 1000, 0, 50,
                    1024 + random.nextInt(60_000));
        }
        // Fill both stores so that answers carry peers, as in a running tracker.
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < REQUESTS; i++) {
                announce(viaContainer);
                announce(direct);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        container.close();
    }

    private int announce(UdpRequestHandler handler) {
        int i = next++ & (REQUESTS - 1);
        ByteBuffer request = requests[i];
        request.clear();
        if (!handler.handle(request, CLIENTS[i & 3], out) || out.getInt(0) != Bep15.ACTION_ANNOUNCE) {
            throw new IllegalStateException("not an announce answer: the benchmark would measure an error path");
        }
        handler.afterSend();
        return out.limit();
    }

    @Benchmark
    public int announceThroughTheContainer() {
        return announce(viaContainer);
    }

    @Benchmark
    public int announceCallingTheTrackerDirectly() {
        return announce(direct);
    }
}
