package org.bittern.logic;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.ScrapeRequest;

/** Test middleware with the lowest priority: must run first. Declared after the others on purpose. */
@TrackerHooks
@Interceptor
@Priority(TrackerHooks.PRIORITY_BASE + 10)
public class FirstMiddleware extends TrackerMiddleware {
    @Override
    protected boolean enabled() {
        return true;
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        ChainRecorder.CALLS.add("first");
        return request;
    }

    @Override
    protected AnnounceResponse afterAnnounce(AnnounceRequest request, AnnounceResponse response) {
        ChainRecorder.CALLS.add("first-after");
        return response;
    }

    @Override
    protected ScrapeRequest beforeScrape(ScrapeRequest request) {
        ChainRecorder.CALLS.add("first-scrape");
        return request;
    }
}
