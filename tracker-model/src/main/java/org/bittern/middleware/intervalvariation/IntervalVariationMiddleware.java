package org.bittern.middleware.intervalvariation;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.logic.TrackerHooks;
import org.bittern.logic.TrackerMiddleware;

/**
 * {@code interval-variation} (issue 5): raises the intervals of a share of announce answers, the same for one peer
 * every time ({@link IntervalVariation}). It only touches answers, so it sits late in the chain, after the
 * middleware that may refuse a request.
 */
@TrackerHooks
@Interceptor
@Priority(IntervalVariationMiddleware.PRIORITY)
public class IntervalVariationMiddleware extends TrackerMiddleware {

    public static final int PRIORITY = TrackerHooks.PRIORITY_BASE + 800;

    private final IntervalVariation variation;

    @Inject
    public IntervalVariationMiddleware(IntervalVariation variation) {
        this.variation = variation;
    }

    @Override
    protected boolean enabled() {
        return variation.enabled();
    }

    @Override
    protected AnnounceResponse afterAnnounce(AnnounceRequest request, AnnounceResponse response) {
        return variation.apply(request.infoHash(), request.peer().id(), response);
    }
}
