package org.bittern.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.ClientError;
import org.bittern.config.TrackerConfig;
import org.bittern.metrics.Action;
import org.bittern.metrics.RequestMetrics;
import org.bittern.metrics.Result;
import org.bittern.store.StoreUnavailableException;

/**
 * What the announce and scrape servlets share: the client address, the error policy and the metrics.
 * Only {@link ClientError} text reaches a client; anything else is logged and answered with a generic
 * {@code failure reason}, always as HTTP 200 with a bencoded body (BEP 3), never a stack trace.
 */
@ApplicationScoped
public class HttpFrontend {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    /** BEP 3 responses are bencoded bytes; clients ignore the type, {@code text/plain} is what others send. */
    static final String CONTENT_TYPE = "text/plain";

    private static final Logger LOG = Logger.getLogger(HttpFrontend.class.getName());

    private ClientAddressResolver addresses;
    private RequestMetrics metrics;

    @Inject
    public HttpFrontend(TrackerConfig config, RequestMetrics metrics) {
        this.addresses = new ClientAddressResolver(config.trustedProxies());
        this.metrics = metrics;
    }

    /** Required by CDI to proxy a normal-scoped bean. */
    protected HttpFrontend() {
    }

    /**
     * Runs {@code handler} for one request, writes its answer (HTTP 200, exact Content-Length), and then
     * runs the answer's post-hook, so post-hooks never delay the client (design §2).
     *
     * @param handler gets the resolved client address, returns the bencoded body and its post-hook
     */
    public void serve(Action action, HttpServletRequest request, HttpServletResponse response,
            Function<InetAddress, HttpAnswer> handler) throws IOException {
        long start = System.nanoTime();
        AddressFamily family = AddressFamily.IPV4;
        Result result = Result.OK;
        HttpAnswer answer;
        try {
            InetAddress client = clientAddress(request);
            family = familyOf(client);
            answer = handler.apply(client);
        } catch (StoreUnavailableException e) {
            result = Result.UNAVAILABLE;
            answer = failure(e.getMessage());
        } catch (ClientError e) {
            result = Result.CLIENT_ERROR;
            answer = failure(e.getMessage());
        } catch (RuntimeException e) {
            result = Result.ERROR;
            LOG.log(Level.WARNING, action.label() + " failed", e);
            answer = failure(HttpErrors.INTERNAL_ERROR);
        }
        metrics.record(action, family, result, System.nanoTime() - start);
        write(response, answer.body());
        if (answer.postHook() != null) {
            runPostHook(answer.postHook());
        }
    }

    private static HttpAnswer failure(String reason) {
        return new HttpAnswer(FailureWriter.write(reason), null);
    }

    private static void write(HttpServletResponse response, byte[] body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static void runPostHook(Runnable postHook) {
        try {
            postHook.run();
        } catch (RuntimeException e) {
            // The client has its answer; a failing post-hook must not turn it into an error.
            LOG.log(Level.WARNING, "post-hook failed", e);
        }
    }

    private InetAddress clientAddress(HttpServletRequest http) {
        InetAddress socket;
        try {
            // getRemoteAddr is an IP literal, so this never resolves a name.
            socket = InetAddress.getByName(http.getRemoteAddr());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("container gave a non-literal remote address", e);
        }
        return addresses.resolve(socket, forwardedFor(http));
    }

    /** A proxy may add its hop as a header line of its own; all lines together form one list (RFC 7230 §3.2.2). */
    private static String forwardedFor(HttpServletRequest http) {
        Enumeration<String> lines = http.getHeaders(X_FORWARDED_FOR);
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        String first = lines.nextElement();
        if (!lines.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (lines.hasMoreElements()) {
            joined.append(',').append(lines.nextElement());
        }
        return joined.toString();
    }

    static AddressFamily familyOf(InetAddress address) {
        return AddressFamily.of(address.getAddress());
    }

    /** The raw, still percent-encoded query: info_hash and peer_id are binary and must not be decoded as text. */
    static String rawQuery(HttpServletRequest http) {
        String query = http.getQueryString();
        return query == null ? "" : query;
    }
}
