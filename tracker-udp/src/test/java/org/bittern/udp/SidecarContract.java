package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.peerId;
import static org.bittern.udp.Datagrams.connect;
import static org.bittern.udp.Datagrams.exchange;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bittern.bittorrent.InfoHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole sidecar in this JVM, as {@code java -jar} starts it: container discovery, the YAML file, real UDP
 * sockets on 127.0.0.1 and ::1 with two workers each, and the metrics and health listener. Run once per
 * transport by the subclasses.
 */
abstract class SidecarContract {
    @TempDir
    static Path dir;
    static Sidecar sidecar;
    static InetSocketAddress v4;
    static InetSocketAddress v6;
    static URI metrics;
    final HttpClient http = HttpClient.newHttpClient();

    /** Called by each subclass's {@code @BeforeAll} with its {@code tracker.udp.transport}. */
    static void start(String transport) throws IOException {
        Path yaml = dir.resolve("bittern.yaml");
        Files.writeString(yaml, """
                tracker:
                  announce-interval: 20m
                  udp:
                    listen: "127.0.0.1:0,[::1]:0"
                    metrics: "127.0.0.1:0"
                    workers: 2
                    private-key: "sidecar-test-key-0123456789"
                    transport: %s
                """.formatted(transport));
        sidecar = InProcessSidecar.start(yaml);
        v4 = sidecar.udpAddresses().get(0);
        v6 = sidecar.udpAddresses().get(1);
        metrics = URI.create("http://127.0.0.1:" + sidecar.metricsAddress().getPort());
    }

    @AfterAll
    static void stop() {
        InProcessSidecar.stop(sidecar);
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket();
        socket.setSoTimeout(5_000);
        return socket;
    }

    @Test
    void servesIpv4AndIpv6ClientsFromTheYamlConfiguration() throws IOException {
        InfoHash torrent = infoHash(501);
        try (DatagramSocket a = client(); DatagramSocket b = client(); DatagramSocket c = client()) {
            exchange(a, v4, Datagrams.announce(connect(a, v4), 1, torrent, peerId(1), 0, 2, -1, 6881));
            ByteBuffer answer = exchange(b, v4, Datagrams.announce(connect(b, v4), 2, torrent, peerId(2), 5, 2, -1, 6882));
            ByteBuffer answer6 = exchange(c, v6, Datagrams.announce(connect(c, v6), 3, torrent, peerId(3), 5, 2, -1, 6883));

            assertThat(answer.getInt(8)).as("interval from the YAML file").isEqualTo(1200);
            assertThat(answer.limit()).isEqualTo(20 + 6);
            assertThat(answer6.getInt(16)).as("seeders of both families").isEqualTo(1);
            assertThat(answer6.limit()).as("no IPv6 peer yet, IPv4 peers are not for an IPv6 client").isEqualTo(20);
        }
    }

    @Test
    void statsGiveTheUdpAnnounceRateForTheStatusPage() throws Exception {
        var answer = get("/stats");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.body()).matches("\\{\"protocol\":\"udp\",\"announcesPerSecond\":[0-9.]+(E-?[0-9]+)?}");
    }

    @Test
    void metricsCountRequestsAndDropsWithTheWarsNames() throws Exception {
        try (DatagramSocket a = client()) {
            exchange(a, v4, Datagrams.scrape(connect(a, v4), 1, infoHash(502)));
            a.send(new DatagramPacket(new byte[3], 3, v4)); // dropped: shorter than a header
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            String text = get("/metrics").body();
            assertThat(text).contains("tracker_requests_seconds_count{action=\"scrape\",family=\"ipv4\",protocol=\"udp\","
                    + "result=\"ok\"}");
            assertThat(text).contains("tracker_udp_dropped_total{reason=\"too_short\"} 1");
            assertThat(text).contains("tracker_swarms ", "tracker_seeders ", "tracker_leechers ",
                    "tracker_udp_kernel_receive_buffer_errors ",
                    "tracker_posthooks_shed ", "tracker_udp_connects_total ", "tracker_store_expiry_runs ",
                    "tracker_store_expiry_last_seconds ");
        });
    }

    @Test
    void healthIsUpInTheMicroProfileShape() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        HttpResponse<String> all = get("/health");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"peer-store\",\"status\":\"UP\"}]}");
        assertThat(all.body()).contains("\"udp-workers\"", "\"peer-store\"").startsWith("{\"status\":\"UP\"");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(metrics.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
