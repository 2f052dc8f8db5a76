package org.bittern.logic;

import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletionStage;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.ScrapeResponse;

/**
 * Base of every middleware interceptor. Subclasses override only the hooks they need; each hook is plain
 * code that unit tests call without a container. A hook rejects a request by throwing
 * {@link org.bittern.bittorrent.ClientError}, which stops the chain: later middleware and the store never
 * see the request. A disabled middleware returns {@code false} from {@link #enabled()} and costs one call.
 */
public abstract class TrackerMiddleware {

    /** Whether this middleware is configured; when not, requests pass straight through. */
    protected abstract boolean enabled();

    /** Checks or rewrites an announce before the store sees it. */
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        return request;
    }

    /** Adjusts an announce response on its way back to the client. */
    protected AnnounceResponse afterAnnounce(AnnounceRequest request, AnnounceResponse response) {
        return response;
    }

    /** Checks or rewrites a scrape before the store sees it. */
    protected ScrapeRequest beforeScrape(ScrapeRequest request) {
        return request;
    }

    /** Adjusts a scrape response on its way back to the client. */
    protected ScrapeResponse afterScrape(ScrapeRequest request, ScrapeResponse response) {
        return response;
    }

    @AroundInvoke
    public Object intercept(InvocationContext context) throws Exception {
        if (!enabled()) {
            return context.proceed();
        }
        Object argument = context.getParameters()[0];
        if (argument instanceof AnnounceRequest announce) {
            AnnounceRequest checked = beforeAnnounce(announce);
            if (checked != announce) {
                context.setParameters(new Object[] {checked});
            }
            Object answer = context.proceed();
            if (answer instanceof CompletionStage<?> pending) {
                // Tracker.announceAsync: post-process when the store has answered.
                return pending.thenApply(response -> afterAnnounce(checked, (AnnounceResponse) response));
            }
            return afterAnnounce(checked, (AnnounceResponse) answer);
        }
        if (argument instanceof ScrapeRequest scrape) {
            ScrapeRequest checked = beforeScrape(scrape);
            if (checked != scrape) {
                context.setParameters(new Object[] {checked});
            }
            Object answer = context.proceed();
            if (answer instanceof CompletionStage<?> pending) {
                // Tracker.scrapeAsync: post-process when the store has answered.
                return pending.thenApply(response -> afterScrape(checked, (ScrapeResponse) response));
            }
            return afterScrape(checked, (ScrapeResponse) answer);
        }
        return context.proceed();
    }
}
