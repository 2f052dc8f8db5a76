package org.bittern.logic;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;

/** Test middleware between the two others: refuses announces that carry {@code reject=1}. */
@TrackerHooks
@Interceptor
@Priority(TrackerHooks.PRIORITY_BASE + 20)
public class RejectingMiddleware extends TrackerMiddleware {
    static final String REFUSAL = "refused by test middleware";

    @Override
    protected boolean enabled() {
        return true;
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        ChainRecorder.CALLS.add("rejecting");
        if ("1".equals(request.params().get("reject"))) {
            throw new ClientError(REFUSAL);
        }
        return request;
    }
}
