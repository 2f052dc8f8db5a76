package org.bittern.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.bittern.admin.torrent.TorrentFiles;
import org.bittern.db.EmbeddedDatabase;
import org.bittern.admin.torrent.Bencode;
import org.bittern.admin.torrent.BencodeDecoder;
import org.bittern.http.HttpTrackerIT;
import org.bittern.http.ServerUnderTest;
import org.bittern.http.TrackerWar;
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
 * The admin API end to end: the packaged WAR on the server all ITs share (arquillian.xml: token {@value #TOKEN},
 * lists mode deny, import limit 6,000,000 bytes), on the real PostgreSQL of {@link PostgresForIntegrationTests},
 * which the WAR migrated itself at start. On Payara Micro through the WAR's own datasource, on WildFly through the
 * server's (bittern-datasource.cli, tracker.db.datasource). All traffic on loopback.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {
    static final String TOKEN = "it-admin-token";
    private static final long MAX_IMPORT_BYTES = 6_000_000;
    private static final Logger LOG = Logger.getLogger(AdminApiIT.class.getName());

    @Deployment(testable = false)
    static WebArchive tracker() {
        return TrackerWar.packaged();
    }

    @ArquillianResource
    URL deployment;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String api;

    @BeforeEach
    void loopback() {
        base = "http://127.0.0.1:" + deployment.getPort() + deployment.getPath().replaceAll("/$", "");
        api = base + "/api/v1/torrents";
    }

    // ---- start-up

    @Test
    void flywayMigratedTheEmptyDatabaseAtStart() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            r.next();
            assertThat(r.getInt(1)).isPositive();
        }
    }

    @Test
    void readinessShowsTheListsSnapshot() throws Exception {
        // Health is served at the server's root (WildFly: the management port), whatever the context root.
        HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create(ServerUnderTest.current()
                .health("http://127.0.0.1:" + deployment.getPort(), "/health/ready"))).GET());
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject lists = ready.body().contains("torrent-lists") ? json(ready.body()).getJsonArray("checks")
                .getValuesAs(JsonObject.class).stream().filter(c -> c.getString("name").equals("torrent-lists"))
                .findFirst().orElseThrow() : null;
        assertThat(lists).isNotNull();
        assertThat(lists.getString("status")).isEqualTo("UP");
        assertThat(lists.getJsonObject("data").getString("mode")).isEqualTo("deny");
        assertThat(lists.getJsonObject("data").getString("state")).isEqualTo("current");
    }

    // ---- authentication

    @Test
    void everyCallNeedsTheBearerToken() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(api)).GET());
        assertProblem(none, 401, "urn:bittern:problem:unauthorized");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"bittern-admin\"");

        assertProblem(send(HttpRequest.newBuilder(URI.create(api)).header("Authorization", "Bearer " + TOKEN + "x")
                .GET()), 401, "urn:bittern:problem:unauthorized");
        assertProblem(send(HttpRequest.newBuilder(URI.create(api)).header("Authorization", "Basic " + TOKEN)
                .GET()), 401, "urn:bittern:problem:unauthorized");
        // Even a path that does not exist says nothing without the token.
        assertProblem(send(HttpRequest.newBuilder(URI.create(api + "/x/y")).DELETE()), 401,
                "urn:bittern:problem:unauthorized");

        assertThat(send(authorized(api).GET()).statusCode()).isEqualTo(200);
    }

    // ---- single torrents

    @Test
    void addIsIdempotentAndTheOtherListIsAConflict() throws Exception {
        String hex = randomHex();
        HttpResponse<String> created = post(api, "application/json",
                "{\"infoHash\":\"" + hex.toUpperCase() + "\",\"name\":\"Débian 13\",\"list\":\"deny\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(
                "/api/v1/torrents/" + hex));
        JsonObject item = json(created.body());
        assertThat(item.getString("infoHash")).isEqualTo(hex);
        assertThat(item.getString("name")).isEqualTo("Débian 13");
        assertThat(item.getString("list")).isEqualTo("deny");
        assertThat(item.getString("createdBy")).isEqualTo("admin-api");

        HttpResponse<String> again = post(api, "application/json",
                "{\"infoHash\":\"" + hex + "\",\"name\":\"Débian 13\",\"list\":\"deny\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again.body())).isEqualTo(item);

        assertProblem(post(api, "application/json", "{\"infoHash\":\"" + hex + "\",\"list\":\"allow\"}"), 409,
                "urn:bittern:problem:on-other-list");

        HttpResponse<String> got = send(authorized(api + "/" + hex.toUpperCase()).GET());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(json(got.body())).isEqualTo(item);
        assertThat(rowsWithCreator(hex)).isEqualTo("admin-api");

        assertThat(send(authorized(api + "/" + hex).DELETE()).statusCode()).isEqualTo(204);
        assertProblem(send(authorized(api + "/" + hex).DELETE()), 404, "urn:bittern:problem:not-listed");
        assertProblem(send(authorized(api + "/" + hex).GET()), 404, "urn:bittern:problem:not-listed");
        assertThat(rowsWithCreator(hex)).isNull();
    }

    @Test
    void callsRacingToListOneHashGetOne201AndOtherwise200() throws Exception {
        String body = "{\"infoHash\":\"" + randomHex() + "\",\"list\":\"deny\"}";
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(http.sendAsync(authorized(api).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var call : calls) {
            statuses.add(call.get().statusCode());
        }
        assertThat(statuses).containsOnly(201, 200).containsOnlyOnce(201);
    }

    @Test
    void pagesFollowInfoHashOrderWithTheTotal() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(post(api, "application/json", "{\"infoHash\":\"" + randomHex() + "\"}").statusCode())
                    .isEqualTo(201);
        }
        List<String> expected = new ArrayList<>();
        long total;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM torrent_list")) {
                r.next();
                total = r.getLong(1);
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT encode(info_hash, 'hex') FROM torrent_list ORDER BY info_hash OFFSET 2 LIMIT 3")) {
                while (r.next()) {
                    expected.add(r.getString(1));
                }
            }
        }
        JsonObject page = json(send(authorized(api + "?offset=2&limit=3").GET()).body());
        assertThat(page.getJsonNumber("total").longValue()).isEqualTo(total);
        assertThat(page.getInt("offset")).isEqualTo(2);
        assertThat(page.getInt("limit")).isEqualTo(3);
        assertThat(page.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(o -> o.getString("infoHash"))
                .containsExactlyElementsOf(expected);

        JsonObject defaults = json(send(authorized(api).GET()).body());
        assertThat(defaults.getInt("offset")).isZero();
        assertThat(defaults.getInt("limit")).isEqualTo(100);
    }

    // ---- errors: always problem JSON, never an HTML page

    @Test
    void everyErrorIsProblemJsonNamingWhatIsWrong() throws Exception {
        assertDetail(post(api, "application/json", "{\"infoHash\":\"abc\"}"), 400, "infoHash: wrong length");
        assertDetail(post(api, "application/json", "{\"infoHash\":"), 400, "malformed JSON");
        assertDetail(post(api, "application/json", ""), 400, "empty body");
        assertDetail(post(api, "application/json", "{\"infoHash\":\"" + randomHex() + "\",\"list\":\"grey\"}"), 400,
                "list must be allow or deny");
        assertDetail(send(authorized(api + "/" + "zz".repeat(20)).GET()), 400, "infoHash in the path: not hex");
        assertDetail(send(authorized(api + "?limit=100000").GET()), 400, "limit must be a whole number from 1 to 1000");
        assertDetail(send(authorized(api + "?offset=-1").GET()), 400, "offset must be");
        assertDetail(post(api + "/import?list=maybe", "text/plain", randomHex()), 400, "list must be allow or deny");

        assertDetail(send(authorized(base + "/api/v1/nothing").GET()), 404, "no such resource");
        HttpResponse<String> wrongMethod = send(authorized(api).PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));
        assertDetail(wrongMethod, 405, "method not allowed");
        assertThat(wrongMethod.headers().firstValue("Allow")).isPresent();
        assertDetail(post(api, "application/xml", "<torrent/>"), 415, "unsupported Content-Type");
        assertDetail(post(api + "/import", "application/json", "{}"), 415, "unsupported Content-Type");
    }

    @Test
    void aBodyOverTheLimitIs413AndWritesNothing() throws Exception {
        long before = count();
        // Valid lines all the way, so only the size can be the reason; just over the limit, so the server has read
        // nearly all of it when it answers and the client is not cut off while still sending.
        StringBuilder body = new StringBuilder();
        while (body.length() <= MAX_IMPORT_BYTES) {
            body.append(randomHex()).append('\n');
        }
        assertDetail(post(api + "/import", "text/plain", body.toString()), 413, "larger than 6000000 bytes");
        assertThat(count()).isEqualTo(before);
    }

    // ---- bulk import

    @Test
    void anImportWithBadLinesIsRefusedNamingThemAndWritesNothing() throws Exception {
        List<String> good = List.of(randomHex(), randomHex(), randomHex());
        String body = "# three good, three bad\n" + good.get(0) + "\n" + "abc\n" + good.get(1) + "\r\n"
                + good.get(2).substring(0, 39) + "x\n\n" + good.get(0) + good.get(1) + "\n";
        HttpResponse<String> refused = post(api + "/import?list=deny", "text/plain", body);
        assertDetail(refused, 400, "line 3: wrong length: 3 characters");
        JsonObject problem = json(refused.body());
        assertThat(problem.getString("type")).isEqualTo("urn:bittern:problem:invalid-lines");
        assertThat(problem.getInt("invalid")).isEqualTo(3);
        assertThat(problem.getJsonArray("invalidLines").getValuesAs(JsonObject.class))
                .extracting(o -> o.getInt("line"), o -> o.getString("problem"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "wrong length: 3 characters, expected 40 hex digits"),
                        org.assertj.core.groups.Tuple.tuple(5, "not hex: 'x' at column 40"),
                        org.assertj.core.groups.Tuple.tuple(7, "wrong length: 80 characters, expected 40 hex digits"));
        for (String hex : good) {
            assertThat(rowsWithCreator(hex)).as(hex).isNull();
        }

        assertDetail(post(api + "/import", "text/plain", ""), 400, "empty body");
        assertDetail(post(api + "/import", "text/plain", "# nothing\n\n"), 400, "no info_hash in the body");
    }

    @Test
    void aHundredThousandLinesImportAndRepeatAsDuplicates() throws Exception {
        StringBuilder body = new StringBuilder(100_000 * 41);
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String hex = randomHex();
            body.append(hex).append('\n');
            if (i % 10_000 == 0) {
                sample.add(hex);
            }
        }
        long before = count();
        long started = System.nanoTime();
        HttpResponse<String> imported = post(api + "/import?list=deny&name=bulk", "text/plain", body.toString());
        long ms = (System.nanoTime() - started) / 1_000_000;
        // The figure the README quotes; logged, not asserted, so a busy machine does not fail the build.
        LOG.info("AdminApiIT: 100,000-line import took " + ms + " ms (HTTP round trip)");
        System.out.println("AdminApiIT: 100,000-line import took " + ms + " ms (HTTP round trip)");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonObject summary = json(imported.body());
        assertThat(summary.getInt("added")).isEqualTo(100_000);
        assertThat(summary.getInt("duplicates")).isZero();
        assertThat(summary.getInt("invalid")).isZero();
        assertThat(summary.getJsonArray("invalidLines")).isEmpty();
        assertThat(count()).isEqualTo(before + 100_000);
        for (String hex : sample) {
            assertThat(rowsWithCreator(hex)).isEqualTo("admin-api");
        }

        JsonObject again = json(post(api + "/import?list=deny", "text/plain", body.toString()).body());
        assertThat(again.getInt("added")).isZero();
        assertThat(again.getInt("duplicates")).isEqualTo(100_000);
    }

    @Test
    void anUploadCutOffMidwayWritesNothing() throws Exception {
        // Whole lines, more than one insert batch of them, then the client goes away before the declared length:
        // the batches already inserted must be rolled back, not committed as a partial list.
        StringBuilder lines = new StringBuilder();
        String first = randomHex();
        lines.append(first).append('\n');
        for (int i = 1; i < 3 * BulkImport.BATCH; i++) {
            lines.append(randomHex()).append('\n');
        }
        byte[] sent = lines.toString().getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", deployment.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + URI.create(api).getPath() + "/import?list=deny HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + deployment.getPort() + "\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\n"
                    + "Content-Type: text/plain\r\n"
                    + "Content-Length: " + (2 * sent.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            Thread.sleep(1_000); // the server reads and inserts what it has
        }
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(250))
                .until(() -> rowsWithCreator(first) == null);
    }

    // ---- .torrent upload
    // ---- .torrent upload

    @Test
    void aTorrentFileIsListedUnderItsV1InfoHash() throws Exception {
        byte[] pieces = new byte[40];
        ThreadLocalRandom.current().nextBytes(pieces);
        byte[] file = TorrentFiles.torrent("release-1.0.tar.gz", pieces);
        String info = new String(file, StandardCharsets.ISO_8859_1);
        int start = info.indexOf("4:info") + "4:info".length();
        // The info dictionary runs to the torrent's last byte but one (the outer dictionary's 'e').
        byte[] infoBytes = java.util.Arrays.copyOfRange(file, start, file.length - 1);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(infoBytes));

        HttpResponse<String> created = send(authorized(api + "/import?list=allow").header("Content-Type",
                TorrentsResource.BITTORRENT).POST(HttpRequest.BodyPublishers.ofByteArray(file)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject item = json(created.body());
        assertThat(item.getString("infoHash")).isEqualTo(expected);
        assertThat(item.getString("name")).isEqualTo("release-1.0.tar.gz");
        assertThat(item.getString("list")).isEqualTo("allow");
        assertThat(rowsWithCreator(expected)).isEqualTo("admin-api");

        HttpResponse<String> again = send(authorized(api + "/import?list=allow").header("Content-Type",
                TorrentsResource.BITTORRENT).POST(HttpRequest.BodyPublishers.ofByteArray(file)));
        assertThat(again.statusCode()).isEqualTo(200);

        byte[] truncated = java.util.Arrays.copyOf(file, file.length - 1);
        assertDetail(send(authorized(api + "/import").header("Content-Type", TorrentsResource.BITTORRENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(truncated))), 400, "malformed .torrent: dictionary");
    }

    // ---- the lists follow the API

    @Test
    void aTorrentDeniedThroughTheApiIsRefusedOverHttpWithinTwoSecondsAndBackWhenDeleted() throws Exception {
        byte[] hash = new byte[20];
        ThreadLocalRandom.current().nextBytes(hash);
        String hex = HexFormat.of().formatHex(hash);
        assertThat(announceFailure(hash)).isNull();

        assertThat(post(api, "application/json", "{\"infoHash\":\"" + hex + "\",\"list\":\"deny\"}").statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> "unapproved torrent".equals(announceFailure(hash)));

        assertThat(send(authorized(api + "/" + hex).DELETE()).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> announceFailure(hash) == null);
    }

    // ---- helpers

    /** The announce's failure reason, or null when it was answered with peers. */
    private String announceFailure(byte[] hash) throws Exception {
        byte[] peerId = new byte[20];
        ThreadLocalRandom.current().nextBytes(peerId);
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/announce?"
                + HttpTrackerIT.announceQuery(hash, peerId, 6881, 100, null))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Bencode.Dict reply = (Bencode.Dict) BencodeDecoder.decode(answer.body());
        return reply.entries().get("failure reason") instanceof Bencode.Bytes reason
                ? new String(reason.value(), StandardCharsets.UTF_8) : null;
    }

    private HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN);
    }

    private HttpResponse<String> post(String url, String type, String body) throws Exception {
        return send(authorized(url).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = json(response.body());
        assertThat(problem.getString("type")).isEqualTo(type);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.get("detail").getValueType()).isEqualTo(JsonValue.ValueType.STRING);
    }

    private static void assertDetail(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = json(response.body());
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("type")).startsWith("urn:bittern:problem:");
        assertThat(problem.getString("detail")).contains(detail);
    }

    private static String randomHex() {
        byte[] b = new byte[20];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(PostgresForIntegrationTests.url(), EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD);
    }

    private static long count() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM torrent_list")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** created_by of the row, or null when the hash is on no list. */
    private static String rowsWithCreator(String hex) throws Exception {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT created_by FROM torrent_list WHERE info_hash = ?")) {
            s.setBytes(1, HexFormat.of().parseHex(hex));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
