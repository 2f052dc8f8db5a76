package org.example.bittern.ext;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.logic.TrackerHooks;
import org.bittern.logic.TrackerMiddleware;

/**
 * An operator's own middleware, as the README's extension-point section shows it: one class outside Bittern's
 * packages, packed with a {@code META-INF/beans.xml} into a jar that goes into the WAR's {@code WEB-INF/lib} and
 * onto the sidecar's class path. It refuses announces from port {@value #BLOCKED_PORT}.
 */
@TrackerHooks
@Interceptor
@Priority(TrackerHooks.PRIORITY_BASE + 900)
public class PortBlockingMiddleware extends TrackerMiddleware {
    public static final int BLOCKED_PORT = 4242;
    public static final String REFUSAL = "port 4242 is not welcome here";

    @Override
    protected boolean enabled() {
        return true;
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        if (request.peer().port() == BLOCKED_PORT) {
            throw new ClientError(REFUSAL);
        }
        return request;
    }
}
