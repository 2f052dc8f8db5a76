package org.bittern.lists.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.InfoHash;
import org.bittern.lists.InfoHashSet;
import org.bittern.lists.ListsMode;
import org.bittern.lists.TorrentLists;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The approval check of {@code tracker.lists.mode: allow} ({@link TorrentLists#approved}, what the middleware
 * calls per announce) on a list of {@code entries} random hashes; half the probes are listed. Issue 4 asks for at
 * most 100 ns per announce. Not a test; run with JMH (classpath as in the README's Performance section):
 * <pre>
 * java -cp "$CP" org.openjdk.jmh.Main TorrentApprovalBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 *
 * <ul>
 *   <li>{@code approvedHot}: the probes cycle over 1,024 torrents, as announces crowd on popular swarms;</li>
 *   <li>{@code approvedCold}: every probe a different one of a million torrents, so each check misses the CPU
 *       caches (worst case); {@code probeOnlyCold} is the same walk without the check, i.e. the cost of fetching
 *       the probe, which a real announce has just parsed and so holds in cache;</li>
 *   <li>{@code approvedFreshProbe} minus {@code freshProbeOnly}: a fresh probe in cache against a list that is
 *       not, the realistic worst case of a big list;</li>
 *   <li>{@code off}: mode off, the default.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TorrentApprovalBenchmark {

    @Param({"1000000"})
    int entries;

    private TorrentLists allow;
    private TorrentLists off;
    private InfoHash[] hot;
    private InfoHash[] cold;
    private int i;
    private InfoHashSet set;
    private static final int FLAT_PROBES = 1 << 20;
    private byte[] flat;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(2026);
        InfoHash[] listed = new InfoHash[entries];
        InfoHashSet.Builder b = InfoHashSet.builder(entries);
        for (int k = 0; k < entries; k++) {
            listed[k] = random(random);
            b.add(listed[k]);
        }
        set = b.build();
        allow = TorrentLists.fixed(ListsMode.ALLOW, set);
        flat = new byte[FLAT_PROBES * InfoHash.LENGTH];
        for (int k = 0; k < FLAT_PROBES; k++) {
            InfoHash h = k % 2 == 0 ? listed[random.nextInt(listed.length)] : random(random);
            h.copyTo(flat, k * InfoHash.LENGTH);
        }
        off = TorrentLists.off();
        hot = probes(random, listed, 1024);
        cold = probes(random, listed, 1 << 20);
    }

    private static InfoHash[] probes(SplittableRandom random, InfoHash[] listed, int n) {
        InfoHash[] out = new InfoHash[n];
        for (int k = 0; k < n; k++) {
            out[k] = k % 2 == 0 ? listed[random.nextInt(listed.length)] : random(random);
        }
        // Shuffled so that the hardware prefetcher cannot follow the walk.
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            InfoHash t = out[k];
            out[k] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static InfoHash random(SplittableRandom random) {
        byte[] h = new byte[InfoHash.LENGTH];
        random.nextBytes(h);
        return InfoHash.of(h);
    }

    @Benchmark
    public boolean approvedHot() {
        return allow.approved(hot[i++ & (hot.length - 1)]);
    }

    @Benchmark
    public boolean approvedCold() {
        return allow.approved(cold[i++ & (cold.length - 1)]);
    }

    @Benchmark
    public int probeOnlyCold() {
        InfoHash h = cold[i++ & (cold.length - 1)];
        return h.byteAt(0) + h.byteAt(19);
    }

    /**
     * A new random torrent per call, parsed into a fresh {@link InfoHash} as the frontends do, so the probe is in
     * cache and the list is not: the cost of a check against a list too big for the CPU caches. Mostly unlisted
     * torrents, which read as many cache lines as listed ones. Compare with {@link #freshProbeOnly}.
     */
    @Benchmark
    public boolean approvedFreshProbe() {
        return allow.approved(freshProbe());
    }

    @Benchmark
    public InfoHash freshProbeOnly() {
        return freshProbe();
    }

    private final byte[] buffer = new byte[InfoHash.LENGTH];
    private long seed = 0x9E3779B97F4A7C15L;

    private InfoHash freshProbe() {
        long x = seed;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        seed = x;
        for (int k = 0; k < 8; k++) {
            buffer[k] = (byte) (x >>> (8 * k));
        }
        return InfoHash.of(buffer);
    }

    /**
     * The set alone, probes read in sequence from one flat array (so the prefetcher brings them in) while each
     * probe lands on a random part of the list: the cost of the lookup when the list is out of cache.
     */
    @Benchmark
    public boolean setColdFlatProbes() {
        int at = (i++ & (FLAT_PROBES - 1)) * InfoHash.LENGTH;
        return set.contains(flat, at);
    }

    /** {@link #setColdFlatProbes} without the lookup. */
    @Benchmark
    public byte flatProbeOnly() {
        int at = (i++ & (FLAT_PROBES - 1)) * InfoHash.LENGTH;
        return (byte) (flat[at] ^ flat[at + 19]);
    }

    @Benchmark
    public boolean off() {
        return off.approved(hot[i++ & (hot.length - 1)]);
    }
}
