package org.bittern.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.config.TrackerConfig;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.metrics.Action;

/** {@code GET /scrape} (BEP 48): converts and delegates to {@link Tracker}. */
@Path("scrape")
@ApplicationScoped
public class ScrapeResource {

    private ScrapeQueryParser parser;
    private int maxInfoHashes;
    private HttpFrontend frontend;
    private Tracker tracker;
    private PostHooks postHooks;

    @Inject
    public ScrapeResource(TrackerConfig config, HttpFrontend frontend, Tracker tracker, PostHooks postHooks) {
        this.parser = new ScrapeQueryParser();
        this.maxInfoHashes = config.scrapeMaxInfoHashes();
        this.frontend = frontend;
        this.tracker = tracker;
        this.postHooks = postHooks;
    }

    /** Required by CDI to proxy a normal-scoped bean. */
    protected ScrapeResource() {
    }

    @GET
    public Response scrape(@Context HttpServletRequest http) {
        return frontend.serve(Action.SCRAPE, http, client -> {
            ScrapeRequest request = parser.parse(HttpFrontend.rawQuery(http), HttpFrontend.familyOf(client), maxInfoHashes);
            ScrapeResponse response = tracker.scrape(request);
            PostHookWriterInterceptor.runAfterWrite(http, () -> postHooks.afterScrape(request, response));
            return ScrapeResponseWriter.write(response);
        });
    }
}
