package org.bittern.http;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.config.TrackerConfig;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.metrics.Action;

/** {@code GET /scrape} (BEP 48): converts and delegates to {@link Tracker}; a servlet for the reason given on {@link AnnounceServlet}. */
@WebServlet(urlPatterns = "/scrape", loadOnStartup = 1)
public class ScrapeServlet extends HttpServlet {

    @Inject
    TrackerConfig config;

    @Inject
    HttpFrontend frontend;

    @Inject
    Tracker tracker;

    @Inject
    PostHooks postHooks;

    private final ScrapeQueryParser parser = new ScrapeQueryParser();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        frontend.serve(Action.SCRAPE, request, response, client -> {
            ScrapeRequest parsed = parser.parse(HttpFrontend.rawQuery(request), HttpFrontend.familyOf(client),
                    config.scrapeMaxInfoHashes());
            ScrapeResponse answer = tracker.scrape(parsed);
            return new HttpAnswer(ScrapeResponseWriter.write(answer), () -> postHooks.afterScrape(parsed, answer));
        });
    }
}
