package org.bittern.logic;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;

/** Test middleware that is not configured: it would refuse everything if it ever ran its hook. */
@TrackerHooks
@Interceptor
@Priority(TrackerHooks.PRIORITY_BASE + 5)
public class DisabledMiddleware extends TrackerMiddleware {
    @Override
    protected boolean enabled() {
        return false;
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        throw new ClientError("disabled middleware ran");
    }
}
