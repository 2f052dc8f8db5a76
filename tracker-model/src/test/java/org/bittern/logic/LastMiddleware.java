package org.bittern.logic;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;

/** Test middleware with the highest priority: runs last before the store, and rewrites the interval. */
@TrackerHooks
@Interceptor
@Priority(TrackerHooks.PRIORITY_BASE + 30)
public class LastMiddleware extends TrackerMiddleware {
    static final int REWRITTEN_INTERVAL = 4242;

    @Override
    protected boolean enabled() {
        return true;
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        ChainRecorder.CALLS.add("last");
        return request;
    }

    @Override
    protected AnnounceResponse afterAnnounce(AnnounceRequest request, AnnounceResponse response) {
        ChainRecorder.CALLS.add("last-after");
        return response.withIntervals(REWRITTEN_INTERVAL, response.minInterval());
    }
}
