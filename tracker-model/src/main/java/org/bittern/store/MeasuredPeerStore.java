package org.bittern.store;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.metrics.MetricsBackend;
import org.bittern.metrics.MetricsBackend.Label;
import org.bittern.metrics.MetricsBackend.LatencyTimer;

/**
 * A remote store with its round trips measured: {@code tracker_store_seconds} by operation ({@code announce},
 * {@code scrape}) and result ({@code ok}, {@code unavailable}, {@code error}). Only for the Redis store: the memory
 * store's work is the request's own latency, and two clock reads per request would be its largest cost.
 */
public final class MeasuredPeerStore implements PeerStore {

    static final String NAME = "tracker_store";
    private static final String[] OPERATIONS = {"announce", "scrape"};
    private static final String[] RESULTS = {"ok", "unavailable", "error"};

    private final PeerStore store;
    private final LatencyTimer[] timers = new LatencyTimer[OPERATIONS.length * RESULTS.length];

    public MeasuredPeerStore(PeerStore store, MetricsBackend backend) {
        this.store = store;
        for (int o = 0; o < OPERATIONS.length; o++) {
            for (int r = 0; r < RESULTS.length; r++) {
                timers[o * RESULTS.length + r] = backend.timer(NAME, "Peer store round trips, by operation and result",
                        List.of(new Label("operation", OPERATIONS[o]), new Label("result", RESULTS[r])));
            }
        }
    }

    private void record(int operation, Throwable failure, long start) {
        int result = failure == null ? 0 : failure instanceof StoreUnavailableException
                || failure.getCause() instanceof StoreUnavailableException ? 1 : 2;
        timers[operation * RESULTS.length + result].recordNanos(System.nanoTime() - start);
    }

    @Override
    public AnnounceResult announce(AnnounceRequest request, int numWant) {
        long start = System.nanoTime();
        try {
            AnnounceResult result = store.announce(request, numWant);
            record(0, null, start);
            return result;
        } catch (RuntimeException e) {
            record(0, e, start);
            throw e;
        }
    }

    @Override
    public CompletionStage<AnnounceResult> announceAsync(AnnounceRequest request, int numWant) {
        long start = System.nanoTime();
        return store.announceAsync(request, numWant).whenComplete((result, failure) -> record(0, failure, start));
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public List<SwarmStats> scrape(List<InfoHash> infoHashes) {
        long start = System.nanoTime();
        try {
            List<SwarmStats> result = store.scrape(infoHashes);
            record(1, null, start);
            return result;
        } catch (RuntimeException e) {
            record(1, e, start);
            throw e;
        }
    }

    @Override
    public CompletionStage<List<SwarmStats>> scrapeAsync(List<InfoHash> infoHashes) {
        long start = System.nanoTime();
        return store.scrapeAsync(infoHashes).whenComplete((result, failure) -> record(1, failure, start));
    }

    @Override
    public void collectGarbage() {
        store.collectGarbage();
    }

    @Override
    public ExpiryRuns expiryRuns() {
        return store.expiryRuns();
    }

    @Override
    public StoreStats stats() {
        return store.stats();
    }

    @Override
    public List<SwarmStats> largestSwarms(int limit) {
        return store.largestSwarms(limit);
    }

    @Override
    public StoreSummary summary(int largest) {
        return store.summary(largest);
    }

    @Override
    public void checkAvailable() {
        store.checkAvailable();
    }

    @Override
    public void close() {
        store.close();
    }
}
