package org.bittern.udp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bittern.udp.e2e.E2eServers.freeTcpPort;
import static org.bittern.udp.e2e.E2eServers.freeUdpPort;
import static org.bittern.udp.e2e.E2eServers.randomBytes;
import static org.bittern.udp.e2e.E2eServers.returns200;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.bittern.db.EmbeddedDatabase;
import org.bittern.udp.e2e.TrackerEndpoint.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The torrent lists end to end (issue 4): one real PostgreSQL, the packaged WAR on Payara Micro and the packaged
 * sidecar in {@code allow} mode from one YAML file, and a second sidecar in {@code deny} mode. A row written with
 * plain SQL, or through the WAR's admin API, must change what every process answers, over HTTP and UDP, within two
 * seconds; PostgreSQL stopped
 * under running trackers must not stop them serving with the lists they hold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListsIT {
    private static final String REFUSAL = "unapproved torrent";
    private static final long LEFT = 1_000;
    /** The bound for a change to reach every process. */
    private static final Duration PROPAGATION = Duration.ofSeconds(2);

    private static EmbeddedDatabase db;
    private static E2eServers servers;
    private static ChildProcess payara;
    private static ChildProcess allowSidecar;
    private static ChildProcess denySidecar;
    private static HttpTracker http;
    private static UdpTracker udpAllow;
    private static UdpTracker udpDeny;
    private static int allowHealthPort;
    private static int denyHealthPort;
    private static int warPort;
    /** The WAR's admin API ({@code /api/v1/torrents}), whose changes the sidecars must follow too. */
    private static URI torrentsApi;
    private static final String ADMIN_TOKEN = "e2e-admin-token";

    @BeforeAll
    static void startPostgresPayaraAndTwoSidecars() throws Exception {
        db = EmbeddedDatabase.startMigrated();
        servers = new E2eServers("lists");
        int httpPort = freeTcpPort();
        warPort = httpPort;
        int allowUdpPort = freeUdpPort();
        allowHealthPort = freeTcpPort();
        int denyUdpPort = freeUdpPort();
        denyHealthPort = freeTcpPort();
        Path allowConfig = writeConfig("allow.yaml", "allow", false, allowUdpPort, allowHealthPort);
        // This one stays ready while PostgreSQL is away (tracker.lists.ready-while-stale), the others do not.
        Path denyConfig = writeConfig("deny.yaml", "deny", true, denyUdpPort, denyHealthPort);

        payara = servers.startPayara(httpPort, allowConfig);
        allowSidecar = servers.startSidecar("sidecar-allow", allowConfig);
        denySidecar = servers.startSidecar("sidecar-deny", denyConfig);

        http = new HttpTracker(URI.create("http://127.0.0.1:" + httpPort));
        torrentsApi = URI.create("http://127.0.0.1:" + httpPort + "/api/v1/torrents");
        udpAllow = new UdpTracker(new InetSocketAddress(E2eServers.LOOPBACK, allowUdpPort));
        udpDeny = new UdpTracker(new InetSocketAddress(E2eServers.LOOPBACK, denyUdpPort));
        servers.waitFor(allowSidecar).until(() -> udpAllow.answersConnect()
                && returns200("http://127.0.0.1:" + allowHealthPort + "/health/ready"));
        servers.waitFor(denySidecar).until(() -> udpDeny.answersConnect()
                && returns200("http://127.0.0.1:" + denyHealthPort + "/health/ready"));
        servers.awaitWar(payara, httpPort, http);
    }

    private static Path writeConfig(String name, String mode, boolean readyWhileStale, int udpPort, int healthPort)
            throws Exception {
        return Files.writeString(servers.dir().resolve(name), String.join("\n",
                "tracker:",
                "  db:",
                "    url: \"" + db.url() + "\"",
                "    user: " + EmbeddedDatabase.USER,
                "    password: " + EmbeddedDatabase.PASSWORD,
                "  admin:",
                "    token: " + ADMIN_TOKEN,
                "  lists:",
                "    mode: " + mode,
                "    ready-while-stale: " + readyWhileStale,
                // Completed counts are written only when a server stops (the last test): that flush is the one tested.
                "  completed:",
                "    flush-interval: 1h",
                "  udp:",
                "    listen: \"127.0.0.1:" + udpPort + "\"",
                "    metrics: \"127.0.0.1:" + healthPort + "\"",
                "    workers: 1",
                "    private-key: \"e2e-only-connection-id-key-0123456789\"",
                ""));
    }

    @AfterAll
    static void stopEverythingWeStarted() throws InterruptedException {
        try {
            if (servers != null) {
                servers.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    @AfterEach
    void serversSurvivedTheTest() {
        if (!stopped) {
            servers.assertAlive();
        }
    }

    /** Set by the last test, which stops the servers itself. */
    private static boolean stopped;

    @Test
    @Order(1)
    void anAllowListedTorrentIsTrackedOverHttpAndUdpAndOthersAreRefused() throws Exception {
        byte[] listed = randomBytes(20);
        byte[] unlisted = randomBytes(20);
        insert(listed, "allow");

        await().atMost(PROPAGATION).untilAsserted(() -> {
            for (TrackerEndpoint allowMode : List.of(http, udpAllow)) {
                assertThat(refusal(allowMode, listed)).as("listed, %s", allowMode).isNull();
            }
        });
        for (TrackerEndpoint allowMode : List.of(http, udpAllow)) {
            assertThat(refusal(allowMode, unlisted)).as("unlisted, %s", allowMode).isEqualTo(REFUSAL);
        }
        assertThat(refusal(udpDeny, unlisted)).as("deny mode tracks what is not denied").isNull();
        assertThat(body("http://127.0.0.1:" + allowHealthPort + "/health/ready")).as("the sidecar's lists check")
                .contains("torrent-lists", "current");
        assertThat(refusal(udpDeny, listed)).as("an allow row does not deny").isNull();
    }

    @Test
    @Order(2)
    void rowsWrittenWithPlainSqlReachEveryProcessWithinTwoSeconds() throws Exception {
        byte[] torrent = randomBytes(20);
        assertThat(refusal(http, torrent)).isEqualTo(REFUSAL);
        assertThat(refusal(udpDeny, torrent)).isNull();

        insert(torrent, "allow");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(refusal(http, torrent)).isNull();
            assertThat(refusal(udpAllow, torrent)).isNull();
        });

        db.execute("UPDATE torrent_list SET list = 'deny' WHERE info_hash = '\\x" + hex(torrent) + "'");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(refusal(udpDeny, torrent)).isEqualTo(REFUSAL);
            assertThat(refusal(http, torrent)).as("moved off the allow list").isEqualTo(REFUSAL);
            assertThat(refusal(udpAllow, torrent)).isEqualTo(REFUSAL);
        });

        db.execute("DELETE FROM torrent_list WHERE info_hash = '\\x" + hex(torrent) + "'");
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(refusal(udpDeny, torrent)).isNull());
        assertThat(refusal(http, torrent)).isEqualTo(REFUSAL);
    }

    @Test
    @Order(3)
    void aTorrentDeniedThroughTheWarsAdminApiIsRefusedByTheSidecarsWithinTwoSeconds() throws Exception {
        byte[] torrent = randomBytes(20);
        assertThat(refusal(udpDeny, torrent)).isNull();

        var created = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(torrentsApi)
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"infoHash\":\"" + hex(torrent)
                        + "\",\"list\":\"deny\",\"name\":\"e2e\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        await().atMost(PROPAGATION).untilAsserted(() ->
                assertThat(refusal(udpDeny, torrent)).as("the deny sidecar, another process").isEqualTo(REFUSAL));
    }

    @Test
    @Order(4)
    void aBulkInsertOfTwoThousandRowsReachesEveryProcess() throws Exception {
        // Over 1000 rows in one statement the trigger sends one "reload" instead of a message per row.
        byte[] first = randomBytes(20);
        db.execute("INSERT INTO torrent_list (info_hash, list) SELECT decode(md5(random()::text || g::text)"
                + " || substr(md5(g::text), 1, 8), 'hex'), 'allow' FROM generate_series(1, 2000) g",
                "INSERT INTO torrent_list (info_hash, list) VALUES ('\\x" + hex(first) + "', 'allow')");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(refusal(http, first)).isNull();
            assertThat(refusal(udpAllow, first)).isNull();
        });
    }

    @Test
    @Order(5)
    void withPostgresDownTheTrackersServeTheirListsAndCatchUpWhenItReturns() throws Exception {
        byte[] listed = randomBytes(20);
        byte[] denied = randomBytes(20);
        insert(listed, "allow");
        insert(denied, "deny");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(refusal(http, listed)).isNull();
            assertThat(refusal(udpAllow, listed)).isNull();
            assertThat(refusal(udpDeny, denied)).isEqualTo(REFUSAL);
        });

        db.stop();
        try {
            byte[] unlisted = randomBytes(20);
            // Announces go on through the outage, judged by the snapshot each process holds.
            for (int round = 0; round < 5; round++) {
                assertThat(refusal(http, listed)).isNull();
                assertThat(refusal(udpAllow, listed)).isNull();
                assertThat(refusal(http, unlisted)).isEqualTo(REFUSAL);
                assertThat(refusal(udpAllow, unlisted)).isEqualTo(REFUSAL);
                assertThat(refusal(udpDeny, denied)).isEqualTo(REFUSAL);
                assertThat(refusal(udpDeny, unlisted)).isNull();
                Thread.sleep(400);
            }
            assertThat(returns200("http://127.0.0.1:" + allowHealthPort + "/health/live"))
                    .as("the sidecar is alive through the outage").isTrue();
            // Still serving, but not ready: a load balancer should prefer nodes that see list changes...
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(body("http://127.0.0.1:" + allowHealthPort + "/health/ready"))
                        .as("sidecar not ready, the lists degraded")
                        .contains("\"status\":\"DOWN\"", "torrent-lists", "degraded");
                assertThat(body("http://127.0.0.1:" + warPort + "/health/ready").replaceAll("\\s", ""))
                        .as("WAR not ready, the lists degraded")
                        .contains("\"status\":\"DOWN\"", "torrent-lists", "degraded");
                // ...unless the operator keeps such nodes in rotation.
                assertThat(body("http://127.0.0.1:" + denyHealthPort + "/health/ready"))
                        .as("ready while stale, the lists degraded")
                        .contains("\"status\":\"UP\"", "torrent-lists", "degraded");
            });
        } finally {
            db.restart();
        }

        byte[] afterOutage = randomBytes(20);
        insert(afterOutage, "allow");
        // Reconnecting takes up to the feed's backoff; the 2 s bound is for a running connection.
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(refusal(http, afterOutage)).isNull();
            assertThat(refusal(udpAllow, afterOutage)).isNull();
        });
        assertThat(refusal(http, listed)).as("nothing lost").isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(returns200("http://127.0.0.1:" + allowHealthPort + "/health/ready")).as("sidecar ready").isTrue();
            assertThat(returns200("http://127.0.0.1:" + warPort + "/health/ready")).as("WAR ready").isTrue();
        });
    }

    /** The bound (issue 6) for a server to stop on SIGTERM, in-flight work answered and stores closed. */
    private static final Duration SHUTDOWN = Duration.ofSeconds(10);

    @Test
    @Order(6)
    void sigtermStopsTheWarAndTheSidecarsWithinTenSecondsWritingPendingCompletedCounts() throws Exception {
        byte[] overUdp = randomBytes(20);
        byte[] overHttp = randomBytes(20);
        insert(overUdp, "allow");
        insert(overHttp, "allow");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(refusal(udpAllow, overUdp)).isNull();
            assertThat(refusal(http, overHttp)).isNull();
        });

        // One download completed at the sidecar (UDP) and one at the WAR (HTTP), both still pending when the SIGTERM
        // comes (flush-interval 1h). Payara Micro stops the application on SIGTERM, so the WAR writes its pending
        // counts as on undeploy; test 5 restarted PostgreSQL under it, so its pool still holds connections that
        // PostgreSQL closed, and that last write must not be handed one of them.
        byte[] udpPeer = randomBytes(20);
        assertThat(udpAllow.announceOutcome(overUdp, udpPeer, 6881, LEFT, Event.STARTED).refusal()).isNull();
        assertThat(udpAllow.announceOutcome(overUdp, udpPeer, 6881, 0, Event.COMPLETED).refusal()).isNull();
        byte[] httpPeer = randomBytes(20);
        assertThat(http.announceOutcome(overHttp, httpPeer, 6881, LEFT, Event.STARTED).refusal()).isNull();
        assertThat(http.announceOutcome(overHttp, httpPeer, 6881, 0, Event.COMPLETED).refusal()).isNull();
        assertThat(completedInPostgres(overUdp)).as("nothing written before the stop (flush-interval 1h)").isZero();
        assertThat(completedInPostgres(overHttp)).as("nothing written before the stop (flush-interval 1h)").isZero();

        stopped = true;
        for (ChildProcess server : List.of(payara, allowSidecar, denySidecar)) {
            assertThat(server.terminate(SHUTDOWN)).as("%s stopped after SIGTERM", server).isLessThan(SHUTDOWN);
        }
        assertThat(completedInPostgres(overUdp)).as("the sidecar's pending download written on the way out").isEqualTo(1);
        assertThat(completedInPostgres(overHttp)).as("the WAR's pending download written on the way out (%s)",
                payara.log()).isEqualTo(1);
    }

    private static String body(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long completedInPostgres(byte[] torrent) throws Exception {
        try (var c = db.connect(); var s = c.createStatement();
                var r = s.executeQuery("SELECT completed FROM completed_count WHERE info_hash = '\\x" + hex(torrent) + "'")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** The tracker's refusal of a fresh peer's announce for {@code torrent}, or null when it was tracked. */
    private static String refusal(TrackerEndpoint tracker, byte[] torrent) throws Exception {
        return tracker.announceOutcome(torrent, randomBytes(20), 6881, LEFT, Event.STARTED).refusal();
    }

    private static void insert(byte[] torrent, String list) {
        db.execute("INSERT INTO torrent_list (info_hash, list) VALUES ('\\x" + hex(torrent) + "', '" + list + "')");
    }

    private static String hex(byte[] torrent) {
        return HexFormat.of().formatHex(torrent);
    }
}
