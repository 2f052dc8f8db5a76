package org.bittern.middleware.clientapproval;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.logic.TrackerHooks;
import org.bittern.logic.TrackerMiddleware;

/**
 * {@code client-approval} (issue 5): refuses announces of clients not on the whitelist, or on the blacklist, with
 * {@value ClientApproval#REFUSAL}. Scrapes carry no peer_id and pass. Early in the chain: a refusal by a
 * comparison of 6 bytes should spare later middleware (a JWT check) their work.
 */
@TrackerHooks
@Interceptor
@Priority(ClientApprovalMiddleware.PRIORITY)
public class ClientApprovalMiddleware extends TrackerMiddleware {

    public static final int PRIORITY = TrackerHooks.PRIORITY_BASE + 200;

    private final ClientApproval approval;

    @Inject
    public ClientApprovalMiddleware(ClientApproval approval) {
        this.approval = approval;
    }

    @Override
    protected boolean enabled() {
        return approval.enabled();
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        approval.check(request.peer().id());
        return request;
    }
}
