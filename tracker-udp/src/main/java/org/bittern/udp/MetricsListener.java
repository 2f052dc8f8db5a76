package org.bittern.udp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sidecar's small HTTP listener ({@code tracker.udp.metrics}): Prometheus text at {@code /metrics}, and
 * {@code /health}, {@code /health/live}, {@code /health/ready} in the MicroProfile Health JSON shape, so the same
 * probes and scrape configs serve the WAR and the sidecar. One thread: scrapes and probes are rare.
 */
public final class MetricsListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MetricsListener.class.getName());
    static final String READY_CHECK = "peer-store";
    static final String LIVE_CHECK = "udp-workers";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsListener(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code /metrics}, {@code /health[/live|/ready]} and {@code /stats} (the status page's UDP figures).
     *
     * @param ready by name, what must hold for {@code /health/ready}: the peer store, and the middleware's
     *              {@link org.bittern.health.ReadinessCheck}s (each cheap, asked on every probe)
     * @param live  whether the UDP workers still run
     */
    public static MetricsListener start(InetSocketAddress address, SidecarMetrics metrics,
            Map<String, BooleanSupplier> ready, BooleanSupplier live) throws IOException {
        return start(address, metrics, ready, Map.of(), live);
    }

    /**
     * @param details by check name, a short state for the answer's {@code data} (e.g. why the completed counts are
     *                degraded); a supplier answering null adds nothing
     */
    public static MetricsListener start(InetSocketAddress address, SidecarMetrics metrics,
            Map<String, BooleanSupplier> ready, Map<String, Supplier<String>> details, BooleanSupplier live)
            throws IOException {
        Map<String, BooleanSupplier> liveOnly = Map.of(LIVE_CHECK, live);
        Map<String, BooleanSupplier> all = new LinkedHashMap<>(liveOnly);
        all.putAll(ready);
        HttpServer server = HttpServer.create(address, 16);
        server.createContext("/metrics", exchange -> answerMetrics(exchange, metrics));
        server.createContext("/stats", exchange -> answerStats(exchange, metrics));
        server.createContext("/health/live", exchange -> answerHealth(exchange, liveOnly, details));
        server.createContext("/health/ready", exchange -> answerHealth(exchange, ready, details));
        server.createContext("/health", exchange -> answerHealth(exchange, all, details));
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "bittern-udp-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info(() -> "Metrics and health on http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/metrics and /health");
        return new MetricsListener(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void answerMetrics(HttpExchange exchange, SidecarMetrics metrics) throws IOException {
        try (exchange) {
            if (!onlyGet(exchange)) {
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
            metrics.writeTo(body);
            send(exchange, 200, metrics.contentType(), body.toByteArray());
        }
    }

    /** What the WAR's {@code /api/v1/stats} shows of this sidecar: its announce rate. */
    private static void answerStats(HttpExchange exchange, SidecarMetrics metrics) throws IOException {
        try (exchange) {
            if (!onlyGet(exchange)) {
                return;
            }
            String json = "{\"protocol\":\"" + SidecarMetrics.PROTOCOL + "\",\"announcesPerSecond\":"
                    + metrics.announcesPerSecond() + "}";
            send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void answerHealth(HttpExchange exchange, Map<String, BooleanSupplier> checks,
            Map<String, Supplier<String>> details) throws IOException {
        try (exchange) {
            if (!onlyGet(exchange)) {
                return;
            }
            boolean up = true;
            StringBuilder list = new StringBuilder();
            for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
                boolean checkUp = safely(check.getValue());
                up &= checkUp;
                Supplier<String> detail = details.get(check.getKey());
                list.append(list.length() == 0 ? "" : ",")
                        .append(check(check.getKey(), checkUp, detail == null ? null : detail.get()));
            }
            String json = "{\"status\":\"" + status(up) + "\",\"checks\":[" + list + "]}";
            send(exchange, up ? 200 : 503, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "health check failed", e);
            return false;
        }
    }

    private static String check(String name, boolean up, String detail) {
        return "{\"name\":\"" + name + "\",\"status\":\"" + status(up) + "\""
                + (detail == null ? "" : ",\"data\":{\"detail\":\"" + jsonText(detail) + "\"}") + "}";
    }

    /** A JSON string's content: quotes, backslashes and control characters escaped. */
    static String jsonText(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }

    private static boolean onlyGet(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return false;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
