package org.bittern.logic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.config.TrackerConfig;
import org.bittern.store.AnnounceResult;
import org.bittern.store.PeerStore;

/**
 * The single entry point both frontends call. Middleware runs around these methods as CDI interceptors
 * ({@link TrackerHooks}); the terminal step is one {@link PeerStore} call. Post-hooks are fired by the
 * frontends through {@link PostHooks} once the response is written.
 */
@ApplicationScoped
public class Tracker {

    private final PeerStore store;
    private final TrackerConfig config;

    @Inject
    public Tracker(PeerStore store, TrackerConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Required by CDI to proxy a normal-scoped bean; never used to serve requests. */
    protected Tracker() {
        this.store = null;
        this.config = null;
    }

    @TrackerHooks
    public AnnounceResponse announce(AnnounceRequest request) {
        return response(store.announce(request, numWant(request)));
    }

    /**
     * {@link #announce} for frontends that keep many requests in flight on few threads (the UDP sidecar on a
     * remote store). Middleware runs around it too: pre-hooks before the store is asked, post-processing
     * when the answer arrives ({@link TrackerMiddleware}).
     *
     * @return completes with the answer, or exceptionally with the store's or a middleware's error; a pre-hook
     *         refusal may also be thrown at once
     */
    @TrackerHooks
    public CompletionStage<AnnounceResponse> announceAsync(AnnounceRequest request) {
        return store.announceAsync(request, numWant(request)).thenApply(this::response);
    }

    private AnnounceResponse response(AnnounceResult result) {
        return new AnnounceResponse(
                config.announceIntervalSeconds(),
                config.minAnnounceIntervalSeconds(),
                result.complete(),
                result.incomplete(),
                result.peers4(),
                result.peers6(),
                result.downloadCounted());
    }

    @TrackerHooks
    public ScrapeResponse scrape(ScrapeRequest request) {
        return new ScrapeResponse(store.scrape(bounded(request)));
    }

    /** {@link #scrape} for frontends that keep many requests in flight, as {@link #announceAsync}. */
    @TrackerHooks
    public CompletionStage<ScrapeResponse> scrapeAsync(ScrapeRequest request) {
        return store.scrapeAsync(bounded(request)).thenApply(ScrapeResponse::new);
    }

    /**
     * Sends the asynchronous requests made so far to a remote store. Frontends that use {@link #announceAsync}
     * or {@link #scrapeAsync} call it after each batch of requests they read, at the latest before waiting for
     * more input. Not intercepted: it carries no request.
     */
    public void flush() {
        store.flush();
    }

    private List<InfoHash> bounded(ScrapeRequest request) {
        List<InfoHash> hashes = request.infoHashes();
        int max = config.scrapeMaxInfoHashes();
        return hashes.size() > max ? hashes.subList(0, max) : hashes;
    }

    /** A stopping peer needs no peers (BEP 3); otherwise the client's wish, bounded by configuration. */
    private int numWant(AnnounceRequest request) {
        if (request.event() == Event.STOPPED) {
            return 0;
        }
        if (request.numWant() == AnnounceRequest.DEFAULT_NUM_WANT) {
            return config.numwantDefault();
        }
        return Math.min(request.numWant(), config.numwantMax());
    }
}
