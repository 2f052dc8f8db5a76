package org.bittern.middleware.jwt;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.logic.TrackerHooks;
import org.bittern.logic.TrackerMiddleware;

/**
 * {@code jwt} (issue 5): refuses announces without a token the configured issuer signed for this info_hash
 * ({@link JwtVerification}). Scrapes pass, as in Quay's use: a token authorizes taking part in a swarm, while
 * counts are public. After client-approval, whose 6-byte comparison is cheaper than a signature check.
 */
@TrackerHooks
@Interceptor
@Priority(JwtMiddleware.PRIORITY)
public class JwtMiddleware extends TrackerMiddleware {

    public static final int PRIORITY = TrackerHooks.PRIORITY_BASE + 300;

    private final JwtVerification verification;

    @Inject
    public JwtMiddleware(JwtVerification verification) {
        this.verification = verification;
    }

    @Override
    protected boolean enabled() {
        return verification.enabled();
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        verification.check(request.infoHash(), request.params());
        return request;
    }
}
