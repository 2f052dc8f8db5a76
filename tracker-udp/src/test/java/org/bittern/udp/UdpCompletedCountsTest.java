package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.peerId;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.bittern.bittorrent.InfoHash;
import org.bittern.db.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persisted completed counts through the whole sidecar in this JVM (its RESOURCE_LOCAL unit on HikariCP, a real
 * PostgreSQL): UDP scrape's {@code downloaded} comes back after the sidecar is restarted with an empty peer store,
 * health and metrics show the feature, and a PostgreSQL that is down does not stop the start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UdpCompletedCountsTest {
    private static final int EVENT_COMPLETED = 1;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static EmbeddedDatabase db;
    static Path yaml;
    static Sidecar sidecar;

    @BeforeAll
    static void start() throws IOException {
        db = EmbeddedDatabase.startMigrated();
        yaml = Files.writeString(dir.resolve("bittern.yaml"), """
                tracker:
                  udp:
                    listen: "127.0.0.1:0"
                    metrics: "127.0.0.1:0"
                    workers: 1
                    private-key: "udp-completed-counts-test-key-0123"
                  db:
                    url: "%s"
                    user: "%s"
                    password: "%s"
                  completed:
                    flush-interval: 100ms
                """.formatted(db.url(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD));
    }

    @AfterAll
    static void stop() {
        InProcessSidecar.stop(sidecar);
        sidecar = null;
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Order(1)
    void udpScrapeShowsPersistedCountsAcrossASidecarRestart() throws Exception {
        InfoHash torrent = infoHash(4401);
        sidecar = InProcessSidecar.start(yaml);
        try (DatagramSocket socket = client()) {
            InetSocketAddress server = sidecar.udpAddresses().get(0);
            for (int p = 1; p <= 3; p++) {
                completed(socket, server, torrent, p);
            }
            completed(socket, server, torrent, 1); // repeated: counted once, as the store counts it
            assertThat(downloaded(socket, server, torrent)).isEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> persisted(torrent) == 3);

            String ready = get("/health/ready");
            assertThat(ready).contains("{\"name\":\"completed-counts\",\"status\":\"UP\",\"data\":{\"detail\":"
                    + "\"current\"}}");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> get("/metrics").contains("\ntracker_completed_pending 0.0\n"));
            String metrics = get("/metrics");
            assertThat(metrics).contains("\ntracker_completed_overflow 0.0\n")
                    .containsPattern("\ntracker_completed_flushes [1-9]")
                    .contains("\ntracker_completed_flush_errors 0.0\n");
        }
        InProcessSidecar.stop(sidecar);
        sidecar = null;

        sidecar = InProcessSidecar.start(yaml);
        try (DatagramSocket socket = client()) {
            InetSocketAddress server = sidecar.udpAddresses().get(0);
            // A new process, an empty memory store: the figure comes from PostgreSQL, read in the background.
            await().atMost(Duration.ofSeconds(5)).until(() -> downloaded(socket, server, torrent) == 3);
            completed(socket, server, torrent, 7);
            assertThat(downloaded(socket, server, torrent)).isEqualTo(4);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> persisted(torrent) == 4);
        InProcessSidecar.stop(sidecar);
        sidecar = null;
    }

    @Test
    @Order(2)
    void theSidecarStartsAndServesWithPostgresDown() throws Exception {
        InfoHash torrent = infoHash(4402);
        db.stop();
        try {
            sidecar = InProcessSidecar.start(yaml);
            try (DatagramSocket socket = client()) {
                InetSocketAddress server = sidecar.udpAddresses().get(0);
                completed(socket, server, torrent, 1);
                assertThat(downloaded(socket, server, torrent)).isEqualTo(1); // pending, no persisted total yet
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> get("/health/ready").contains("\"detail\":\"degraded since"));
                assertThat(get("/health/ready")).startsWith("{\"status\":\"UP\"");
            }
        } finally {
            InProcessSidecar.stop(sidecar);
            sidecar = null;
            db.restart(); // for the other test, and for the fixture's own shutdown
        }
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(2000);
        return socket;
    }

    private static void completed(DatagramSocket socket, InetSocketAddress server, InfoHash torrent, int peer)
            throws IOException {
        long id = Datagrams.connect(socket, server);
        ByteBuffer answer = Datagrams.exchange(socket, server,
                Datagrams.announce(id, 7, torrent, peerId(peer), 0, EVENT_COMPLETED, 10, 6881 + peer));
        assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
    }

    /** BEP 15 scrape: seeders, completed, leechers per torrent after the 8-byte header. */
    private static int downloaded(DatagramSocket socket, InetSocketAddress server, InfoHash torrent)
            throws IOException {
        long id = Datagrams.connect(socket, server);
        ByteBuffer answer = Datagrams.exchange(socket, server, Datagrams.scrape(id, 9, torrent));
        assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_SCRAPE);
        return answer.getInt(12);
    }

    private static String get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + sidecar.metricsAddress().getPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long persisted(InfoHash torrent) throws SQLException {
        return db.completedCount(torrent);
    }
}
