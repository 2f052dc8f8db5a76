package org.bittern.lists.bench;

import static org.bittern.store.StoreFixtures.leecher;
import static org.bittern.store.StoreFixtures.seeder;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.lists.InfoHashSet;
import org.bittern.lists.ListsMode;
import org.bittern.lists.TorrentApproval;
import org.bittern.lists.TorrentLists;
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
 * What the approval check adds to an announce (issue 4: at most 100 ns), measured on the whole store announce
 * rather than on the check alone: {@code swarms} swarms of {@code peersPerSwarm} peers in a memory store, all of
 * them on a {@code listSize}-entry allow list (the rest of the list random hashes). {@code approved} minus
 * {@code plain} is the added cost. Which torrent each announce is for ({@code traffic}):
 * <ul>
 *   <li>{@code uniform}: any swarm alike, so both the list and the swarm are usually out of the CPU caches — the
 *       worst case;</li>
 *   <li>{@code zipf}: the swarm of popularity rank k with weight 1/k, as real traffic crowds on popular torrents
 *       (here the top 1% of swarms get about 60% of the announces).</li>
 * </ul>
 * Run like the other model benchmarks:
 * <pre>
 * java -cp "$CP" org.openjdk.jmh.Main ApprovedAnnounceBenchmark -f 3 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class ApprovedAnnounceBenchmark {
    private static final int PREBUILT = 1 << 18;

    @Param("100000")
    public int swarms;

    @Param("10")
    public int peersPerSwarm;

    @Param("1000000")
    public int listSize;

    @Param("50")
    public int numWant;

    @Param({"uniform", "zipf"})
    public String traffic;

    private MemoryPeerStore store;
    private TorrentLists allow;
    /** Random, as SHA-1 info_hashes are: the list's layout assumes evenly spread hashes (see InfoHashSet). */
    private InfoHash[] torrents;
    private AnnounceRequest[] requests;

    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        int next() {
            return next++ & (PREBUILT - 1);
        }
    }

    @Setup(Level.Trial)
    public void fill() {
        store = new MemoryPeerStore(Clock.systemUTC(), Duration.ofHours(1));
        SplittableRandom random = new SplittableRandom(2026);
        InfoHashSet.Builder list = InfoHashSet.builder(listSize);
        torrents = new InfoHash[swarms];
        for (int k = 0; k < listSize; k++) {
            byte[] hash = new byte[InfoHash.LENGTH];
            random.nextBytes(hash);
            InfoHash h = InfoHash.of(hash);
            list.add(h);
            if (k < swarms) {
                torrents[k] = h;
            }
        }
        allow = TorrentLists.fixed(ListsMode.ALLOW, list.build());
        for (int p = 0; p < peersPerSwarm; p++) {
            for (int s = 0; s < swarms; s++) {
                store.announce(request(s, p), 0);
            }
        }
        double[] cumulative = zipfCumulative(swarms);
        requests = new AnnounceRequest[PREBUILT];
        for (int i = 0; i < PREBUILT; i++) {
            int swarm = traffic.equals("zipf") ? rank(cumulative, random.nextDouble()) : random.nextInt(swarms);
            requests[i] = request(swarm, random.nextInt(peersPerSwarm));
        }
    }

    /** Cumulative weights 1/1, 1/2, ... 1/n, scaled to end at 1. */
    private static double[] zipfCumulative(int n) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            c[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= sum;
        }
        return c;
    }

    private static int rank(double[] cumulative, double u) {
        int at = Arrays.binarySearch(cumulative, u);
        return Math.min(at >= 0 ? at : -at - 1, cumulative.length - 1);
    }

    private AnnounceRequest request(int s, int p) {
        Peer peer = Peer.of(StoreFixtures.peerId((long) s * peersPerSwarm + p),
                new byte[] {10, (byte) (s >>> 8), (byte) s, (byte) p}, 1024 + p);
        return p % 4 == 0 ? seeder(torrents[s], peer) : leecher(torrents[s], peer);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public AnnounceResult plain(Cursor cursor) {
        return store.announce(requests[cursor.next()], numWant);
    }

    /** What {@code TorrentApprovalMiddleware} does before the store, then the same announce. */
    @Benchmark
    public AnnounceResult approved(Cursor cursor) {
        AnnounceRequest request = requests[cursor.next()];
        if (!allow.approved(request.infoHash())) {
            throw new ClientError(TorrentApproval.REFUSAL);
        }
        return store.announce(request, numWant);
    }
}
