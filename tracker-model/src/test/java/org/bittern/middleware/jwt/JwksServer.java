package org.bittern.middleware.jwt;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An issuer's JWKS endpoint for tests: a real HTTP server on a free loopback port whose answer the test changes
 * (new keys, an error status, garbage, or no answer at all).
 */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-jwks-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();
    /** Released on close, so a hanging answer does not keep a thread past the test. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String body;
    private volatile boolean hang;

    public JwksServer(String body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/jwks.json", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                if (hang) {
                    closed.await();
                    return;
                }
                byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    /** Serves {@code json} with 200 from now on. */
    public void serve(String json) {
        this.body = json;
        this.status = 200;
        this.hang = false;
    }

    public void fail(int httpStatus) {
        this.status = httpStatus;
    }

    /** Accepts requests but never answers them. */
    public void hang() {
        this.hang = true;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
