package org.bittern.store.memory.bench;

import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.leecher;
import static org.bittern.store.StoreFixtures.seeder;

import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.SubnetPreference;
import org.bittern.store.AnnounceResult;
import org.bittern.store.StoreFixtures;
import org.bittern.store.memory.MemoryPeerStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the subnet preference (issue 5: at most 1.5x the plain announce): the same {@code swarms x
 * peersPerSwarm} IPv4 peers (a quarter seeders, each swarm's peers spread at random over {@code subnets} /24s) in two
 * memory stores, one filled and asked without the preference ({@code plain}), one with {@code ipv4-prefix: 24}
 * ({@code preferring}). With 16 subnets a subnet holds about 60 peers, more than {@code numWant}, so the sample comes
 * from the subnet group alone; with 256 about 4, so most of it is the walk outside the subnet. Run like
 * {@link MemoryStoreBenchmark}:
 * <pre>
 * java -cp "$CP" org.openjdk.jmh.Main SubnetPreferenceBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class SubnetPreferenceBenchmark {
    private static final int PREBUILT = 1 << 16;
    private static final SubnetPreference PREFER = new SubnetPreference(24, 64);

    @Param("1000")
    public int swarms;

    @Param("1000")
    public int peersPerSwarm;

    @Param({"16", "256"})
    public int subnets;

    @Param("50")
    public int numWant;

    private MemoryPeerStore plainStore;
    private MemoryPeerStore preferringStore;
    private AnnounceRequest[] plain;
    private AnnounceRequest[] preferring;

    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        int next() {
            return next++ & (PREBUILT - 1);
        }
    }

    @Setup(Level.Trial)
    public void fill() {
        plainStore = new MemoryPeerStore(Clock.systemUTC(), Duration.ofHours(1));
        preferringStore = new MemoryPeerStore(Clock.systemUTC(), Duration.ofHours(1));
        for (int p = 0; p < peersPerSwarm; p++) {
            for (int s = 0; s < swarms; s++) {
                AnnounceRequest request = request(s, p);
                plainStore.announce(request, 0);
                preferringStore.announce(request.withSubnetPreference(PREFER), 0);
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        plain = new AnnounceRequest[PREBUILT];
        preferring = new AnnounceRequest[PREBUILT];
        for (int i = 0; i < PREBUILT; i++) {
            AnnounceRequest request = request(random.nextInt(swarms), random.nextInt(peersPerSwarm));
            plain[i] = request;
            preferring[i] = request.withSubnetPreference(PREFER);
        }
    }

    /** Peer {@code p} of swarm {@code s}: 10.{subnet}.{subnet}.x, its /24 drawn from {@code subnets} per swarm. */
    private AnnounceRequest request(int s, int p) {
        int n = s * peersPerSwarm + p;
        int subnet = new SplittableRandom(n).nextInt(subnets);
        byte[] address = {10, (byte) (subnet >>> 8), (byte) subnet, (byte) p};
        Peer peer = Peer.of(StoreFixtures.peerId(n), address, 1024 + (p >>> 8));
        return p % 4 == 0 ? seeder(infoHash(s), peer) : leecher(infoHash(s), peer);
    }

    @TearDown(Level.Trial)
    public void close() {
        plainStore.close();
        preferringStore.close();
    }

    @Benchmark
    public AnnounceResult plain(Cursor cursor) {
        return plainStore.announce(plain[cursor.next()], numWant);
    }

    @Benchmark
    public AnnounceResult preferring(Cursor cursor) {
        return preferringStore.announce(preferring[cursor.next()], numWant);
    }
}
