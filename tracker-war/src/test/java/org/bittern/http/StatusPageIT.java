package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.http.HttpTrackerIT.announceQuery;
import static org.bittern.http.HttpTrackerIT.randomBytes;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The status page and {@code /api/v1/stats} (issue 6) on the packaged WAR: after announces the JSON counts the
 * peers and names the busiest swarm, and the page, loaded in a real headless Chromium, shows them; the screenshot
 * is kept under {@code target/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StatusPageIT {

    @Deployment(testable = false)
    static WebArchive tracker() {
        return TrackerWar.packaged();
    }

    @ArquillianResource
    URL deployment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void statsAndTheStatusPageShowTheSwarmsAfterAnnounces() throws Exception {
        String path = deployment.getPath();
        String base = "http://127.0.0.1:" + deployment.getPort() + (path.endsWith("/") ? path : path + "/");
        byte[] busy = randomBytes(20);
        for (int peer = 0; peer < 12; peer++) {
            get(base + "announce?" + announceQuery(busy, randomBytes(20), 7700 + peer, peer < 4 ? 0 : 10, "started"));
        }
        String hex = HexFormat.of().formatHex(busy);

        HttpResponse<String> stats = get(base + "api/v1/stats");
        assertThat(stats.statusCode()).as("public by default, no token").isEqualTo(200);
        assertThat(stats.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonObject json = Json.createReader(new StringReader(stats.body())).readObject();
        assertThat(json.getJsonNumber("seeders").longValue()).isGreaterThanOrEqualTo(4);
        assertThat(json.getJsonNumber("leechers").longValue()).isGreaterThanOrEqualTo(8);
        assertThat(json.getJsonObject("announcesPerSecond").containsKey("http")).isTrue();
        assertThat(json.getJsonObject("announcesPerSecond").isNull("udp")).as("no sidecar in this test").isTrue();
        JsonObject first = json.getJsonArray("topTorrents").getJsonObject(0);
        assertThat(first.getString("infoHash")).as("the busiest swarm first").isEqualTo(hex);
        assertThat(first.getJsonNumber("seeders").longValue()).isEqualTo(4);
        assertThat(first.getJsonNumber("leechers").longValue()).isEqualTo(8);

        Path target = Path.of(System.getProperty("status.page.dir", "target"));
        HeadlessChromium browser = HeadlessChromium.findOrSkip(target);
        String dom = browser.domAfter(base, 5_000);
        assertThat(number(dom, "seeders")).as("seeders on the page").isGreaterThanOrEqualTo(4);
        assertThat(number(dom, "leechers")).as("leechers on the page").isGreaterThanOrEqualTo(8);
        assertThat(dom).as("the busiest swarm in the table").contains(hex)
                .contains(base + "announce").doesNotContain("statistics unavailable");
        browser.screenshot(base, 5_000, target.resolve("status-page-" + ServerUnderTest.current().name()
                .toLowerCase(java.util.Locale.ROOT) + ".png"));
    }

    /** The figure the page shows in the element with {@code id}. */
    private static long number(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">([0-9,]+)<").matcher(dom);
        assertThat(m.find()).as("#%s holds a number in:%n%s", id, dom).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
