package org.bittern.middleware.subnetpreference;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.SubnetPreference;
import org.bittern.logic.TrackerHooks;
import org.bittern.logic.TrackerMiddleware;

/**
 * {@code subnet-preference} (issue 5, design §6): asks the peer store to sample the announcer's own subnet first.
 * The grouping itself lives in the stores, which can find a subnet's peers without walking the swarm; this only
 * marks the request. It runs after the middleware that may refuse a request, so refused announces never reach it,
 * and before those that only touch answers.
 */
@TrackerHooks
@Interceptor
@Priority(SubnetPreferenceMiddleware.PRIORITY)
public class SubnetPreferenceMiddleware extends TrackerMiddleware {

    public static final int PRIORITY = TrackerHooks.PRIORITY_BASE + 700;

    private final SubnetPreference preference;

    @Inject
    public SubnetPreferenceMiddleware(SubnetPreference preference) {
        this.preference = preference;
    }

    @Override
    protected boolean enabled() {
        return !preference.isNone();
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        return request.withSubnetPreference(preference);
    }
}
