package org.bittern.stats;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The UDP sidecar's announce rate, read from its listener's {@code /stats} ({@code tracker.udp.metrics}, from the
 * YAML file both share). Empty when no sidecar answers there within a short timeout: the WAR runs alone, or the
 * sidecar is down; the status page then says so instead of showing zero.
 */
final class SidecarRate {

    static final Duration TIMEOUT = Duration.ofMillis(300);

    private final URI stats;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param listener null when the sidecar's listener is off */
    SidecarRate(InetSocketAddress listener) {
        this.stats = listener == null ? null : statsUri(listener);
    }

    /** java.net.URI puts an IPv6 literal in brackets itself. */
    private static URI statsUri(InetSocketAddress listener) {
        try {
            return new URI("http", null, listener.getAddress().getHostAddress(), listener.getPort(), "/stats",
                    null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    OptionalDouble announcesPerSecond() {
        if (stats == null) {
            return OptionalDouble.empty();
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stats).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return OptionalDouble.empty();
            }
            try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
                JsonObject json = reader.readObject();
                JsonNumber rate = json.getJsonNumber("announcesPerSecond");
                return rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate.doubleValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        } catch (java.io.IOException | RuntimeException e) {
            // Not there, not a sidecar, or not JSON: the page shows "no sidecar".
            return OptionalDouble.empty();
        }
    }
}
