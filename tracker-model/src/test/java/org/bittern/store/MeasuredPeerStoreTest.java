package org.bittern.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.ipv4Peer;
import static org.bittern.store.StoreFixtures.leecher;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.metrics.MetricsBackend;
import org.bittern.store.memory.MemoryPeerStore;
import org.junit.jupiter.api.Test;

class MeasuredPeerStoreTest {

    /** Counts what each timer recorded, by its labels. */
    private static final class CountingBackend implements MetricsBackend {
        final Map<List<Label>, AtomicLong> recorded = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public LatencyTimer timer(String name, String help, List<Label> labels) {
            AtomicLong count = recorded.computeIfAbsent(labels, l -> new AtomicLong());
            return nanos -> count.incrementAndGet();
        }

        @Override
        public EventCounter counter(String name, String help, List<Label> labels) {
            return () -> { };
        }

        @Override
        public void gauge(String name, String help, List<Label> labels, DoubleSupplier value) {
        }

        long count(String operation, String result) {
            return recorded.get(List.of(new Label("operation", operation), new Label("result", result))).get();
        }
    }

    private final CountingBackend backend = new CountingBackend();

    @Test
    void roundTripsAreTimedByOperationAndResult() {
        PeerStore store = new MeasuredPeerStore(new MemoryPeerStore(Clock.systemUTC(), Duration.ofMinutes(30)), backend);
        store.announce(leecher(infoHash(1), ipv4Peer(1)), 10);
        store.announceAsync(leecher(infoHash(1), ipv4Peer(2)), 10).toCompletableFuture().join();
        store.scrape(List.of(infoHash(1)));

        assertThat(backend.count("announce", "ok")).isEqualTo(2);
        assertThat(backend.count("scrape", "ok")).isEqualTo(1);
        assertThat(backend.count("announce", "unavailable")).isZero();
        assertThat(store.stats().leechers()).as("the store behind it").isEqualTo(2);
    }

    @Test
    void anUnreachableStoreCountsAsUnavailable() {
        PeerStore failing = new MeasuredPeerStore(new ScrapesFail(), backend);

        assertThatThrownBy(() -> failing.scrape(List.of(infoHash(2)))).isInstanceOf(StoreUnavailableException.class);
        assertThat(failing.scrapeAsync(List.of(infoHash(2))).toCompletableFuture().isCompletedExceptionally())
                .isTrue();
        assertThat(backend.count("scrape", "unavailable")).isEqualTo(2);
        assertThat(backend.count("scrape", "ok")).isZero();
    }

    /** A store whose scrapes find the backing storage away. */
    private static final class ScrapesFail implements PeerStore {
        private final MemoryPeerStore memory = new MemoryPeerStore(Clock.systemUTC(), Duration.ofMinutes(30));

        @Override
        public AnnounceResult announce(org.bittern.bittorrent.AnnounceRequest request, int numWant) {
            return memory.announce(request, numWant);
        }

        @Override
        public List<SwarmStats> scrape(List<InfoHash> infoHashes) {
            throw new StoreUnavailableException();
        }

        @Override
        public void collectGarbage() {
        }

        @Override
        public StoreStats stats() {
            return memory.stats();
        }

        @Override
        public List<SwarmStats> largestSwarms(int limit) {
            return memory.largestSwarms(limit);
        }

        @Override
        public void checkAvailable() {
        }

        @Override
        public void close() {
        }
    }
}
