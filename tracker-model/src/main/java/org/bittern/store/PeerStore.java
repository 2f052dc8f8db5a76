package org.bittern.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;

/**
 * Where swarms live. Every implementation passes the shared contract suite ({@code PeerStoreContract}).
 *
 * <p>Rules every store keeps:
 * <ul>
 *   <li>A peer is (peer_id, address, port) within one swarm and one address family.</li>
 *   <li>{@code announce} records the peer and samples others in <em>one</em> atomic step.</li>
 *   <li>{@code left == 0} makes a peer a seeder; {@code completed} moves a leecher to the seeders and
 *       counts one download (once: a peer already stored as a seeder is not counted again);
 *       {@code stopped} removes the peer and returns no peers.</li>
 *   <li>Sampling: a seeder gets leechers; a leecher gets seeders first, then leechers; random order;
 *       never the announcer itself; own family first, then (if the request allows both families) the
 *       other family, up to {@code numWant} in all.</li>
 *   <li>Subnet preference ({@link org.bittern.bittorrent.AnnounceRequest#subnetPreference()}, when its prefix
 *       length for the announcer's family is not 0): the own-family sample starts with peers of the announcer's
 *       subnet, by the same role rules (a leecher gets that subnet's seeders, then its leechers), then the rest
 *       of the family by those rules; found without walking the whole swarm.</li>
 *   <li>A peer not seen for the peer lifetime is gone after the next {@link #collectGarbage()}.</li>
 * </ul>
 */
public interface PeerStore extends AutoCloseable {

    /**
     * Records the announcing peer and samples up to {@code numWant} other peers.
     *
     * @param numWant the number of peers to return, already bounded by configuration (0 is allowed)
     * @throws StoreUnavailableException when the backing storage cannot be reached
     */
    AnnounceResult announce(AnnounceRequest request, int numWant);

    /**
     * {@link #announce} without holding the caller's thread while a remote store answers, so one frontend
     * thread can keep many announces in flight (the Redis store pipelines them on one connection). A store
     * in this process answers at once; that is the default. A remote store may hold the request until
     * {@link #flush()}: callers flush after each batch of requests, at the latest before waiting for input.
     *
     * @return completes with the result, or exceptionally with a {@link StoreUnavailableException}
     */
    default CompletionStage<AnnounceResult> announceAsync(AnnounceRequest request, int numWant) {
        try {
            return CompletableFuture.completedFuture(announce(request, numWant));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends the asynchronous requests made so far (a no-op for a store in this process). Thread-safe. */
    default void flush() {
    }

    /** Figures for each hash, in the given order; unknown torrents have zeros. */
    List<SwarmStats> scrape(List<InfoHash> infoHashes);

    /** {@link #scrape} without holding the caller's thread, as {@link #announceAsync} is to announce (flush too). */
    default CompletionStage<List<SwarmStats>> scrapeAsync(List<InfoHash> infoHashes) {
        try {
            return CompletableFuture.completedFuture(scrape(infoHashes));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Removes peers silent for longer than the peer lifetime, and swarms left empty. */
    void collectGarbage();

    /** What the background expiry has done so far, for metrics; a store without one never runs any. */
    default ExpiryRuns expiryRuns() {
        return new ExpiryRuns();
    }

    /**
     * Current size figures for metrics. May be costly (the Redis store walks every swarm): read it at scrape
     * intervals, and use {@link #checkAvailable()} to ask whether the store answers.
     */
    StoreStats stats();

    /**
     * The {@code limit} swarms with the most peers (both families), most first, for the status page. Walks every
     * swarm like {@link #stats()}, so read it at the same pace.
     *
     * @throws StoreUnavailableException when the backing storage cannot be reached
     */
    List<SwarmStats> largestSwarms(int limit);

    /**
     * {@link #stats()} and {@link #largestSwarms(int)} together, from a single walk where the store walks (Redis).
     *
     * @throws StoreUnavailableException when the backing storage cannot be reached
     */
    default StoreSummary summary(int largest) {
        return new StoreSummary(stats(), largestSwarms(largest));
    }

    /**
     * Returns normally when the store can serve announces, for readiness checks that may run every few
     * seconds: at most one round trip to the backing storage, bounded by the store's command timeout, and
     * never a walk over swarms.
     *
     * @throws StoreUnavailableException when the backing storage cannot be reached
     */
    void checkAvailable();

    @Override
    void close();
}
