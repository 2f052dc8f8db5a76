package org.bittern.completed;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.logic.TrackerHooks;
import org.bittern.logic.TrackerMiddleware;

/**
 * Persisted completed counts on both protocols (HTTP and UDP pass through the same chain): records each completed
 * download the store counted, and makes scrape's {@code downloaded} the persisted total plus what is pending.
 *
 * <p>Recorded here rather than by an {@code @ObservesAsync Announced} post-hook: such an observer would make every
 * announce of every process fire an asynchronous event (even with the feature off), and the post-hook pool sheds
 * events under load, which would lose increments with no trace in the counts. Recording costs one boolean test per
 * announce and one map update per counted download; writing is batched on the feature's own thread.
 *
 * <p>Last in the chain (nearest the store): a request another middleware refuses is never counted.
 */
@TrackerHooks
@Interceptor
@Priority(CompletedCountsMiddleware.PRIORITY)
public class CompletedCountsMiddleware extends TrackerMiddleware {

    public static final int PRIORITY = TrackerHooks.PRIORITY_BASE + 900;

    private final CompletedCounts counts;
    private final boolean enabled;

    @Inject
    public CompletedCountsMiddleware(CompletedCounts counts) {
        this.counts = counts;
        this.enabled = counts.enabled();
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected AnnounceResponse afterAnnounce(AnnounceRequest request, AnnounceResponse response) {
        if (response.downloadCounted()) {
            counts.completed(request.infoHash());
        }
        return response;
    }

    @Override
    protected ScrapeResponse afterScrape(ScrapeRequest request, ScrapeResponse response) {
        return counts.withPersisted(response);
    }
}
