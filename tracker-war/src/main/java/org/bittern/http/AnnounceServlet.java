package org.bittern.http;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.config.TrackerConfig;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.metrics.Action;

/**
 * {@code GET /announce} (BEP 3, 7, 23): converts and delegates to {@link Tracker}.
 * A plain servlet rather than a JAX-RS resource: on Payara Micro the JAX-RS layer cost about 80 µs of
 * CPU per announce over a servlet's 115 µs (connection per request, one core), see the README's
 * performance section. The admin API, which is not on the hot path, is JAX-RS.
 */
@WebServlet(urlPatterns = "/announce", loadOnStartup = 1)
public class AnnounceServlet extends HttpServlet {

    @Inject
    TrackerConfig config;

    @Inject
    HttpFrontend frontend;

    @Inject
    Tracker tracker;

    @Inject
    PostHooks postHooks;

    private AnnounceQueryParser parser;

    @Override
    public void init() {
        parser = new AnnounceQueryParser(config.allowIpSpoofing());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        frontend.serve(Action.ANNOUNCE, request, response, client -> {
            AnnounceQueryParser.HttpAnnounce parsed = parser.parse(HttpFrontend.rawQuery(request), client);
            AnnounceResponse answer = tracker.announce(parsed.request());
            return new HttpAnswer(AnnounceResponseWriter.write(answer, parsed.compact(), parsed.noPeerId()),
                    () -> postHooks.afterAnnounce(parsed.request(), answer));
        });
    }
}
