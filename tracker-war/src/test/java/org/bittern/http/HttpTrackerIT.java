package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bittern.db.EmbeddedDatabase;
import org.bittern.it.PostgresForIntegrationTests;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged {@code target/tracker.war} on a real Payara Micro or WildFly (one start for the whole class), driven
 * over HTTP on loopback: IPv4 through 127.0.0.1, IPv6 through [::1].
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class HttpTrackerIT {
    private static final ServerUnderTest SERVER = ServerUnderTest.current();

    @Deployment(testable = false)
    static WebArchive tracker() {
        return TrackerWar.packaged();
    }

    @ArquillianResource
    URL deployment;

    private final HttpClient http = HttpClient.newHttpClient();
    private String v4;
    private String v6;
    private String serverV4;

    @BeforeEach
    void loopbackUrls() {
        // Arquillian reports the machine's address; all test traffic stays on loopback.
        int port = deployment.getPort();
        serverV4 = "http://127.0.0.1:" + port;
        v4 = serverV4 + deployment.getPath().replaceAll("/$", "");
        v6 = "http://[::1]:" + port + deployment.getPath().replaceAll("/$", "");
    }

    @Test
    void binaryInfoHashSurvivesTheRoundTrip() throws Exception {
        byte[] hash = randomBytes(20);
        hash[0] = 0x00;
        hash[1] = (byte) 0xff;
        hash[2] = '&';
        hash[3] = '%';
        Map<String, Object> announce = get(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 6881, 100, null));
        assertThat(announce).doesNotContainKey("failure reason");

        Map<String, Object> scrape = get(v4 + "/scrape?info_hash=" + escape(hash));
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) scrape.get("files");
        assertThat(files).hasSize(1);
        String key = files.keySet().iterator().next();
        assertThat(key.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(hash);
    }

    @Test
    void twoPeersFindEachOtherButNeverThemselves() throws Exception {
        byte[] hash = randomBytes(20);
        Map<String, Object> first = get(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7001, 100, "started"));
        assertThat(bytes(first, "peers")).isEmpty();
        assertThat(first).containsEntry("incomplete", 1L).containsEntry("complete", 0L);

        Map<String, Object> second = get(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7002, 0, "started"));
        byte[] peers = bytes(second, "peers");
        assertThat(peers).hasSize(6);
        assertThat(Arrays.copyOfRange(peers, 0, 4)).containsExactly(127, 0, 0, 1);
        assertThat(((peers[4] & 0xff) << 8) | (peers[5] & 0xff)).isEqualTo(7001);
        assertThat(second).containsEntry("complete", 1L).containsEntry("incomplete", 1L)
                .containsEntry("interval", 1800L).containsEntry("min interval", 900L);
    }

    @Test
    void nonCompactClientsGetDictionaries() throws Exception {
        byte[] hash = randomBytes(20);
        byte[] firstId = randomBytes(20);
        get(v4 + "/announce?" + announceQuery(hash, firstId, 7101, 100, null));
        Map<String, Object> second = get(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7102, 100, null) + "&compact=0");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> peers = (List<Map<String, Object>>) second.get("peers");
        assertThat(peers).hasSize(1);
        assertThat(peers.get(0)).containsEntry("ip", "127.0.0.1").containsEntry("port", 7101L);
        assertThat(((String) peers.get(0).get("peer id")).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(firstId);
    }

    @Test
    void ipv6ClientsGetPeers6() throws Exception {
        byte[] hash = randomBytes(20);
        get(v6 + "/announce?" + announceQuery(hash, randomBytes(20), 7201, 100, null));
        Map<String, Object> second = get(v6 + "/announce?" + announceQuery(hash, randomBytes(20), 7202, 100, null));
        byte[] peers6 = bytes(second, "peers6");
        assertThat(peers6).hasSize(18);
        byte[] loopback6 = new byte[16];
        loopback6[15] = 1;
        assertThat(Arrays.copyOfRange(peers6, 0, 16)).isEqualTo(loopback6);
        assertThat(((peers6[16] & 0xff) << 8) | (peers6[17] & 0xff)).isEqualTo(7201);
        assertThat(bytes(second, "peers")).isEmpty();
    }

    @Test
    void aTrustedProxysForwardedAddressIsTheClient() throws Exception {
        byte[] hash = randomBytes(20);
        getWithHeader(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7301, 100, null),
                "X-Forwarded-For", "198.51.100.1, 203.0.113.9");
        Map<String, Object> second = get(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7302, 100, null));
        assertThat(Arrays.copyOfRange(bytes(second, "peers"), 0, 4)).containsExactly(203, 0, 113, 9);
    }

    @Test
    void forwardedForSpreadOverSeveralHeaderLinesIsOneList() throws Exception {
        byte[] hash = randomBytes(20);
        // The last line is the hop nearest to us; it is an untrusted client address, so it wins.
        HttpRequest request = HttpRequest.newBuilder(URI.create(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7311, 100, null)))
                .header("X-Forwarded-For", "198.51.100.1").header("X-Forwarded-For", "192.0.2.77").GET().build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
        Map<String, Object> second = get(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7312, 100, null));
        assertThat(Arrays.copyOfRange(bytes(second, "peers"), 0, 4)).containsExactly(192, 0, 2, 77);
    }

    @Test
    void scrapeCountsSeedersLeechersAndDownloads() throws Exception {
        byte[] hash = randomBytes(20);
        byte[] leecherThenSeeder = randomBytes(20);
        get(v4 + "/announce?" + announceQuery(hash, leecherThenSeeder, 7401, 100, "started"));
        get(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7402, 100, "started"));
        get(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7403, 0, null));
        get(v4 + "/announce?" + announceQuery(hash, leecherThenSeeder, 7401, 0, "completed"));

        Map<String, Object> stats = scrapeOf(hash);
        assertThat(stats).containsEntry("complete", 2L).containsEntry("incomplete", 1L).containsEntry("downloaded", 1L);

        get(v4 + "/announce?" + announceQuery(hash, leecherThenSeeder, 7401, 0, "stopped"));
        assertThat(scrapeOf(hash)).containsEntry("complete", 1L).containsEntry("downloaded", 1L);
    }

    @Test
    void aCompletedDownloadIsWrittenToPostgreSQL() throws Exception {
        // Through the persistence unit's JTA datasource: the WAR's own on Payara, the server's on WildFly.
        byte[] hash = randomBytes(20);
        get(v4 + "/announce?" + announceQuery(hash, randomBytes(20), 7451, 0, "completed"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Connection c = DriverManager.getConnection(PostgresForIntegrationTests.url(), EmbeddedDatabase.USER,
                    EmbeddedDatabase.PASSWORD);
                 PreparedStatement s = c.prepareStatement("SELECT completed FROM completed_count WHERE info_hash = ?")) {
                s.setBytes(1, hash);
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).as("row of the completed torrent").isTrue();
                    assertThat(r.getLong(1)).isEqualTo(1);
                }
            }
        });
    }

    @Test
    void scrapeIsCutOffAtTheConfiguredMaximum() throws Exception {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            query.append(i == 0 ? "" : "&").append("info_hash=").append(escape(randomBytes(20)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) get(v4 + "/scrape?" + query).get("files");
        assertThat(files).hasSize(3); // tracker.scrape.max-info-hashes=3 in arquillian.xml
    }

    @Test
    void everyMalformedRequestGetsItsOwnFailureReason() throws Exception {
        String hash = escape(randomBytes(20));
        String id = escape(randomBytes(20));
        String rest = "&uploaded=0&downloaded=0&left=1";
        Map<String, String> cases = Map.ofEntries(
                Map.entry("peer_id=" + id + "&port=1" + rest, HttpErrors.MISSING_INFO_HASH),
                Map.entry("info_hash=%00%01&peer_id=" + id + "&port=1" + rest, HttpErrors.INVALID_INFO_HASH),
                Map.entry("info_hash=" + hash + "&port=1" + rest, HttpErrors.MISSING_PEER_ID),
                Map.entry("info_hash=" + hash + "&peer_id=abc&port=1" + rest, HttpErrors.INVALID_PEER_ID),
                Map.entry("info_hash=" + hash + "&peer_id=" + id + rest, HttpErrors.MISSING_PORT),
                Map.entry("info_hash=" + hash + "&peer_id=" + id + "&port=0" + rest, HttpErrors.INVALID_PORT),
                Map.entry("info_hash=" + hash + "&peer_id=" + id + "&port=70000" + rest, HttpErrors.INVALID_PORT),
                Map.entry("info_hash=" + hash + "&peer_id=" + id + "&port=1&downloaded=0&left=1",
                        HttpErrors.MISSING_UPLOADED),
                Map.entry("info_hash=" + hash + "&peer_id=" + id + "&port=1&uploaded=-1&downloaded=0&left=1",
                        HttpErrors.INVALID_UPLOADED),
                Map.entry("info_hash=" + hash + "&peer_id=" + id + "&port=1&uploaded=0&downloaded=x&left=1",
                        HttpErrors.INVALID_DOWNLOADED),
                Map.entry("info_hash=" + hash + "&peer_id=" + id + "&port=1&uploaded=0&downloaded=0&left=99999999999999999999",
                        HttpErrors.INVALID_LEFT),
                Map.entry("info_hash=" + hash + "&peer_id=" + id + "&port=1" + rest + "&event=paused", HttpErrors.INVALID_EVENT),
                Map.entry("info_hash=" + hash + "&peer_id=" + id + "&port=1" + rest + "&numwant=-5", HttpErrors.INVALID_NUMWANT));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<byte[]> response = send(v4 + "/announce?" + c.getKey(), null, null);
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(200);
            assertThat(BencodeDecoder.decode(response.body())).as(c.getKey()).containsEntry("failure reason", c.getValue());
        }
        // java.net.http refuses to send a bad escape, so this one goes over a plain socket.
        assertThat(BencodeDecoder.decode(rawGet("/announce?info_hash=%zz&port=1"))).containsEntry("failure reason", HttpErrors.BAD_ESCAPE);
        HttpResponse<byte[]> scrape = send(v4 + "/scrape?info_hash=%01", null, null);
        assertThat(BencodeDecoder.decode(scrape.body())).containsEntry("failure reason", HttpErrors.INVALID_INFO_HASH);
        HttpResponse<byte[]> empty = send(v4 + "/scrape", null, null);
        assertThat(BencodeDecoder.decode(empty.body())).containsEntry("failure reason", HttpErrors.MISSING_INFO_HASH);
        // ... and it keeps serving.
        assertThat(get(v4 + "/announce?" + announceQuery(randomBytes(20), randomBytes(20), 7501, 1, null)))
                .doesNotContainKey("failure reason");
    }

    @Test
    void healthSaysUp() throws Exception {
        for (String path : List.of("/health", "/health/live", "/health/ready")) {
            HttpResponse<byte[]> response = send(SERVER.health(serverV4, path), null, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).contains("\"UP\"");
        }
        assertThat(new String(send(SERVER.health(serverV4, "/health/ready"), null, null).body(),
                StandardCharsets.UTF_8)).contains("peer-store");
    }

    @Test
    void metricsShowRequestCountersAndSwarmFigures() throws Exception {
        get(v4 + "/announce?" + announceQuery(randomBytes(20), randomBytes(20), 7601, 1, null));
        send(v4 + "/announce?info_hash=%01", null, null);
        String metrics = new String(send(SERVER.metrics(serverV4), null, null).body(), StandardCharsets.UTF_8);
        assertThat(metrics)
                .containsPattern("tracker_requests_seconds_count\\{[^}]*action=\"announce\"[^}]*family=\"ipv4\"[^}]*result=\"ok\"[^}]*} [1-9]")
                .containsPattern("tracker_requests_seconds_count\\{[^}]*action=\"announce\"[^}]*result=\"client_error\"[^}]*} [1-9]")
                .containsPattern("tracker_requests_seconds_sum\\{[^}]*action=\"announce\"[^}]*result=\"ok\"[^}]*} [0-9]")
                .containsPattern("tracker_swarms(\\{[^}]*})? [1-9]")
                .containsPattern("tracker_leechers(\\{[^}]*})? [1-9]")
                .contains("tracker_seeders", "tracker_posthooks_shed", "tracker_store_expiry_runs",
                        "tracker_store_expiry_last_seconds");
        // The suite runs with the lists on (arquillian.xml).
        assertThat(metrics).as("lists gauges")
                .containsPattern("tracker_lists_entries(\\{[^}]*})? [0-9]")
                .containsPattern("tracker_lists_snapshot_age_seconds(\\{[^}]*})? 0");
        if (SERVER == ServerUnderTest.PAYARA_MICRO) {
            // Micrometer on WildFly exports no buckets (see MicrometerBackend).
            assertThat(metrics).as("latency buckets")
                    .containsPattern("tracker_requests_seconds_bucket\\{[^}]*action=\"announce\"[^}]*le=\"0.001\"[^}]*} [0-9]");
        }
    }

    // ---- helpers

    private Map<String, Object> scrapeOf(byte[] hash) throws IOException, InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) get(v4 + "/scrape?info_hash=" + escape(hash)).get("files");
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) files.get(new String(hash, StandardCharsets.ISO_8859_1));
        return stats;
    }

    public static String announceQuery(byte[] hash, byte[] peerId, int port, long left, String event) {
        return "info_hash=" + escape(hash) + "&peer_id=" + escape(peerId) + "&port=" + port
                + "&uploaded=0&downloaded=0&left=" + left + (event == null ? "" : "&event=" + event);
    }

    private Map<String, Object> get(String url) throws IOException, InterruptedException {
        return getWithHeader(url, null, null);
    }

    private Map<String, Object> getWithHeader(String url, String header, String value) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(url, header, value);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return BencodeDecoder.decode(response.body());
    }

    private HttpResponse<byte[]> send(String url, String header, String value) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET over a plain socket, for request lines that well-behaved HTTP clients refuse to send. */
    private byte[] rawGet(String pathAndQuery) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), deployment.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + deployment.getPath().replaceAll("/$", "") + pathAndQuery + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] response = socket.getInputStream().readAllBytes();
            String head = new String(response, StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 200");
            int bodyStart = head.indexOf("\r\n\r\n") + 4;
            return Arrays.copyOfRange(response, bodyStart, response.length);
        }
    }

    private static byte[] bytes(Map<String, Object> dict, String key) {
        Object value = dict.get(key);
        return value == null ? new byte[0] : ((String) value).getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    public static String escape(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            s.append('%').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}
