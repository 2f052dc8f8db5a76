package org.bittern.udp;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.atomic.AtomicInteger;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.logic.TrackerHooks;
import org.bittern.logic.TrackerMiddleware;

/** Test middleware written as any operator would: refuses announces whose request parameters say {@code reject=1}. */
@TrackerHooks
@Interceptor
@Priority(TrackerHooks.PRIORITY_BASE + 50)
public class RefusingMiddleware extends TrackerMiddleware {
    static final String REFUSAL = "refused by test middleware";
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    protected boolean enabled() {
        return true;
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        CALLS.incrementAndGet();
        if ("1".equals(request.params().get("reject"))) {
            throw new ClientError(REFUSAL);
        }
        return request;
    }
}
