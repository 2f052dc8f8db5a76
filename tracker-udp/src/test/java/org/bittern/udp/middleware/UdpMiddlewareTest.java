package org.bittern.udp.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.middleware.MiddlewareFixtures.firstPeer;
import static org.bittern.middleware.MiddlewareFixtures.peerId;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.udp.Datagrams.connect;
import static org.bittern.udp.Datagrams.exchange;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerId;
import org.bittern.middleware.intervalvariation.IntervalVariation;
import org.bittern.middleware.intervalvariation.IntervalVariationConfig;
import org.bittern.udp.Bep15;
import org.bittern.udp.Datagrams;
import org.bittern.udp.InProcessSidecar;
import org.bittern.udp.Sidecar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * client-approval and interval-variation over UDP (BEP 15): the whole sidecar in this JVM, as {@code java -jar}
 * starts it (container discovery finds the middleware in tracker-model), configured only through its YAML file.
 */
class UdpMiddlewareTest {
    private static final int INTERVAL = 1200;
    /** What the file's interval-variation section decides, computed without the sidecar. */
    private static final IntervalVariation EXPECTED = IntervalVariation.of(new IntervalVariationConfig(0.5, 60, false));

    @TempDir
    static Path dir;
    static Sidecar sidecar;
    static InetSocketAddress server;

    @BeforeAll
    static void start() throws IOException {
        Path yaml = Files.writeString(dir.resolve("bittern.yaml"), """
                tracker:
                  announce-interval: 20m
                  udp:
                    listen: "127.0.0.1:0"
                    metrics: "off"
                    workers: 1
                    private-key: "udp-middleware-test-key-0123456789"
                  middleware:
                    client-approval:
                      whitelist: [qB4650, "M7-2-2"]
                    interval-variation:
                      modify-response-probability: 0.5
                      max-increase-delta: 60
                """);
        sidecar = InProcessSidecar.start(yaml);
        server = sidecar.udpAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        InProcessSidecar.stop(sidecar);
    }

    @Test
    void anApprovedClientGetsItsOwnIntervalEveryTime() throws IOException {
        InfoHash torrent = infoHash(901);
        PeerId raised = firstPeer(EXPECTED, "-qB4650-", torrent, true);
        PeerId unchanged = firstPeer(EXPECTED, "M7-2-2--", torrent, false);

        try (DatagramSocket socket = client()) {
            for (int i = 0; i < 2; i++) {
                ByteBuffer answer = announce(socket, torrent, raised, 6881);
                assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
                assertThat(answer.getInt(8)).isEqualTo(INTERVAL + EXPECTED.increase(torrent, raised));
            }
            ByteBuffer other = announce(socket, torrent, unchanged, 6882);
            assertThat(other.getInt(8)).isEqualTo(INTERVAL);
            assertThat(other.getInt(12)).as("leechers: both were stored").isEqualTo(2);
        }
    }

    @Test
    void anUnapprovedClientGetsTheErrorPacketAndIsNotStored() throws IOException {
        InfoHash torrent = infoHash(902);
        try (DatagramSocket socket = client()) {
            ByteBuffer refused = announce(socket, torrent, peerId("-UT3550-"), 6883);
            assertThat(Datagrams.errorText(refused)).isEqualTo("unapproved client");

            ByteBuffer scrape = exchange(socket, server, Datagrams.scrape(connect(socket, server), 3, torrent));
            assertThat(scrape.getInt(Bep15.RESPONSE_HEADER_LENGTH + 8)).as("leechers").isZero();
        }
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static ByteBuffer announce(DatagramSocket socket, InfoHash torrent, PeerId peerId, int port)
            throws IOException {
        return exchange(socket, server,
                Datagrams.announce(connect(socket, server), 2, torrent, peerId, 1000, 2, -1, port));
    }
}
