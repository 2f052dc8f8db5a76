package org.bittern.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.config.TrackerConfig;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.metrics.Action;

/** {@code GET /announce} (BEP 3, 7, 23): converts and delegates to {@link Tracker}. */
@Path("announce")
@ApplicationScoped
public class AnnounceResource {

    private AnnounceQueryParser parser;
    private HttpFrontend frontend;
    private Tracker tracker;
    private PostHooks postHooks;

    @Inject
    public AnnounceResource(TrackerConfig config, HttpFrontend frontend, Tracker tracker, PostHooks postHooks) {
        this.parser = new AnnounceQueryParser(config.allowIpSpoofing());
        this.frontend = frontend;
        this.tracker = tracker;
        this.postHooks = postHooks;
    }

    /** Required by CDI to proxy a normal-scoped bean. */
    protected AnnounceResource() {
    }

    @GET
    public Response announce(@Context HttpServletRequest http) {
        return frontend.serve(Action.ANNOUNCE, http, client -> {
            AnnounceQueryParser.HttpAnnounce parsed = parser.parse(HttpFrontend.rawQuery(http), client);
            AnnounceResponse response = tracker.announce(parsed.request());
            PostHookWriterInterceptor.runAfterWrite(http, () -> postHooks.afterAnnounce(parsed.request(), response));
            return AnnounceResponseWriter.write(response, parsed.compact(), parsed.noPeerId());
        });
    }
}
