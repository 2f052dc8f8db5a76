package org.bittern.store.memory.bench;

import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.ipv4Peer;
import static org.bittern.store.StoreFixtures.leecher;
import static org.bittern.store.StoreFixtures.seeder;
import static org.bittern.store.StoreFixtures.started;
import static org.bittern.store.StoreFixtures.stopped;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
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
 * The memory store under a prefilled load of {@code swarms × peersPerSwarm} IPv4 peers (a quarter of them
 * seeders). Not a test (surefire only runs {@code *Test}, {@code *Properties}, {@code *IT}); run with JMH:
 * <pre>
 * mvn -q -o -pl tracker-model test-compile
 * mvn -q -o -pl tracker-model dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -cp "tracker-model/target/test-classes:tracker-model/target/classes:$(cat tracker-model/target/bench.cp)" \
 *     org.openjdk.jmh.Main MemoryStoreBenchmark -f 1 -wi 2 -i 3 -r 2s -w 2s [-t 2]
 * </pre>
 *
 * <ul>
 *   <li>{@code announce}: a stored peer re-announces and gets {@code numWant} peers (the common case);</li>
 *   <li>{@code joinAndLeave}: a new peer starts then stops (insert + index + remove);</li>
 *   <li>{@code scrapeOne}, {@code scrapeTen}: scrape of 1 and 10 known torrents.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MemoryStoreBenchmark {
    /** Prebuilt requests cycled through, so the benchmark measures the store, not request building. */
    private static final int PREBUILT = 1 << 16;

    @Param("1000")
    public int swarms;

    @Param("1000")
    public int peersPerSwarm;

    @Param("50")
    public int numWant;

    private MemoryPeerStore store;
    private AnnounceRequest[] reannounces;
    private AnnounceRequest[] joins;
    private AnnounceRequest[] leaves;
    private List<List<InfoHash>> scrapeOnes;
    private List<List<InfoHash>> scrapeTens;

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
        for (int p = 0; p < peersPerSwarm; p++) {
            for (int s = 0; s < swarms; s++) {
                int n = s * peersPerSwarm + p;
                store.announce(p % 4 == 0 ? seeder(infoHash(s), ipv4Peer(n)) : leecher(infoHash(s), ipv4Peer(n)), 0);
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        reannounces = new AnnounceRequest[PREBUILT];
        joins = new AnnounceRequest[PREBUILT];
        leaves = new AnnounceRequest[PREBUILT];
        scrapeOnes = new ArrayList<>(PREBUILT);
        scrapeTens = new ArrayList<>(PREBUILT);
        for (int i = 0; i < PREBUILT; i++) {
            int s = random.nextInt(swarms);
            int p = random.nextInt(peersPerSwarm);
            int n = s * peersPerSwarm + p;
            reannounces[i] = p % 4 == 0 ? seeder(infoHash(s), ipv4Peer(n)) : leecher(infoHash(s), ipv4Peer(n));
            var newcomer = StoreFixtures.randomIpv4Peer();
            joins[i] = started(infoHash(s), newcomer, StoreFixtures.LEFT);
            leaves[i] = stopped(infoHash(s), newcomer, StoreFixtures.LEFT);
            scrapeOnes.add(List.of(infoHash(s)));
            List<InfoHash> ten = new ArrayList<>(10);
            for (int k = 0; k < 10; k++) {
                ten.add(infoHash(random.nextInt(swarms)));
            }
            scrapeTens.add(List.copyOf(ten));
        }
        if (store.stats().seeders() + store.stats().leechers() != (long) swarms * peersPerSwarm) {
            throw new IllegalStateException("prefill failed: " + store.stats());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public AnnounceResult announce(Cursor cursor) {
        return store.announce(reannounces[cursor.next()], numWant);
    }

    @Benchmark
    public AnnounceResult joinAndLeave(Cursor cursor) {
        int i = cursor.next();
        store.announce(joins[i], numWant);
        return store.announce(leaves[i], numWant);
    }

    @Benchmark
    public List<SwarmStats> scrapeOne(Cursor cursor) {
        return store.scrape(scrapeOnes.get(cursor.next()));
    }

    @Benchmark
    public List<SwarmStats> scrapeTen(Cursor cursor) {
        return store.scrape(scrapeTens.get(cursor.next()));
    }
}
