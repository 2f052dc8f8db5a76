package org.bittern.udp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.udp.e2e.E2eServers.freeTcpPort;
import static org.bittern.udp.e2e.E2eServers.freeUdpPort;
import static org.bittern.udp.e2e.E2eServers.randomBytes;
import static org.bittern.udp.e2e.E2eServers.returns200;

import com.turn.ttorrent.client.SharedTorrent;
import com.turn.ttorrent.client.announce.Announce;
import com.turn.ttorrent.client.announce.AnnounceResponseListener;
import com.turn.ttorrent.client.announce.TrackerClient;
import com.turn.ttorrent.client.announce.UDPTrackerClient;
import com.turn.ttorrent.common.Peer;
import com.turn.ttorrent.common.Torrent;
import com.turn.ttorrent.common.protocol.TrackerMessage.AnnounceRequestMessage.RequestEvent;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bittern.udp.e2e.TrackerEndpoint.AnnounceAnswer;
import org.bittern.udp.e2e.TrackerEndpoint.Event;
import org.bittern.udp.e2e.TrackerEndpoint.ScrapeCounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.core.ExecutableProvider;

/**
 * End to end (design §2–§4, issue 3): the packaged WAR on a real Payara Micro and the packaged sidecar jar,
 * both with {@code tracker.store.type: redis} on one real redis-server, each a separate process started once
 * for the class. A swarm must be one swarm whichever protocol its peers speak: every test below announces
 * over one protocol and checks what the other protocol sees, so with a store per process (memory, or two
 * Redis databases) each of them fails.
 * <p>
 * Everything listens on 127.0.0.1, on ports found free at start. Server output goes to
 * {@code target/e2e/*.log}. The announced peer ports are only numbers: no peer listens on them.
 */
class SharedSwarmsIT {
    private static final InetAddress LOOPBACK = E2eServers.LOOPBACK;
    /** ttorrent's UDP client waits 15 s for its first reply; a call that takes longer than this has failed. */
    private static final Duration LIBRARY_CALL_TIMEOUT = Duration.ofSeconds(40);
    private static final long LEFT = 1_000;

    private static E2eServers servers;
    private static HttpTracker http;
    private static UdpTracker udp;

    private final AtomicInteger peerPorts = new AtomicInteger(20_000 + ThreadLocalRandom.current().nextInt(40_000));

    @BeforeAll
    static void startRedisPayaraAndSidecar() throws Exception {
        servers = new E2eServers("");
        Path dir = servers.dir();
        int redisPort = freeTcpPort();
        int httpPort = freeTcpPort();
        int udpPort = freeUdpPort();
        int metricsPort = freeTcpPort();
        String redisUri = "redis://127.0.0.1:" + redisPort;

        // The redis-server binary inside the embedded-redis artifact, run as our own process (not through the
        // library's RedisServer) so all three servers are started, logged and stopped the same way.
        File redisServer = ExecutableProvider.newJarResourceProvider(
                Files.createDirectories(dir.resolve("redis")).toFile()).get();
        ChildProcess redis = servers.start("redis", List.of(redisServer.getPath(), "--port", String.valueOf(redisPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.resolve("redis").toString()),
                Map.of());
        // Both trackers connect to Redis as they start; a store that began disconnected is a different test.
        servers.waitFor(redis).until(() -> redisAnswersPing(redisPort));

        Path warConfig = Files.writeString(dir.resolve("war.yaml"), String.join("\n",
                "tracker:",
                "  store:",
                "    type: redis",
                "    redis:",
                "      uri: \"" + redisUri + "\"",
                ""));
        ChildProcess payara = servers.startPayara(httpPort, warConfig);

        Path sidecarConfig = Files.writeString(dir.resolve("sidecar.yaml"), String.join("\n",
                "tracker:",
                "  store:",
                "    type: redis",
                "    redis:",
                "      uri: \"" + redisUri + "\"",
                "  udp:",
                "    listen: \"127.0.0.1:" + udpPort + "\"",
                "    metrics: \"127.0.0.1:" + metricsPort + "\"",
                "    workers: 2",
                "    private-key: \"e2e-only-connection-id-key-0123456789\"",
                ""));
        ChildProcess sidecar = servers.startSidecar(sidecarConfig);

        http = new HttpTracker(URI.create("http://127.0.0.1:" + httpPort));
        udp = new UdpTracker(new InetSocketAddress(LOOPBACK, udpPort));
        // Ready = the health check says so (the store answers) and the protocol itself answers.
        servers.waitFor(sidecar).until(() -> returns200("http://127.0.0.1:" + metricsPort + "/health/ready")
                && udp.answersConnect());
        servers.awaitWar(payara, httpPort, http);
    }

    @AfterAll
    static void stopEverythingWeStarted() throws InterruptedException {
        if (servers != null) {
            servers.close();
        }
    }

    @AfterEach
    void serversSurvivedTheTest() {
        servers.assertAlive();
    }

    @Test
    void withoutATokenTheAdminApiIsOff() throws Exception {
        HttpResponse<String> off = http.admin("/api/v1/torrents", "any-token");
        assertThat(off.statusCode()).isEqualTo(404);
        assertThat(off.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(off.body()).contains("tracker.admin.token is not set");
    }

    @Test
    void aPeerAnnouncedOverHttpIsReturnedToAPeerAnnouncingOverUdp() throws Exception {
        byte[] torrent = randomBytes(20);
        InetSocketAddress httpPeer = peer();
        InetSocketAddress udpPeer = peer();

        AnnounceAnswer first = http.announce(torrent, randomBytes(20), httpPeer.getPort(), LEFT, Event.STARTED);
        assertThat(first.peers()).as("a new swarm").isEmpty();

        AnnounceAnswer second = udp.announce(torrent, randomBytes(20), udpPeer.getPort(), LEFT, Event.STARTED);
        assertThat(second.peers()).containsExactly(httpPeer);
        assertThat(second).isEqualTo(new AnnounceAnswer(0, 2, List.of(httpPeer)));
    }

    @Test
    void aPeerAnnouncedOverUdpIsReturnedToAPeerAnnouncingOverHttp() throws Exception {
        byte[] torrent = randomBytes(20);
        InetSocketAddress udpPeer = peer();
        InetSocketAddress httpPeer = peer();

        AnnounceAnswer first = udp.announce(torrent, randomBytes(20), udpPeer.getPort(), 0, Event.STARTED);
        assertThat(first).isEqualTo(new AnnounceAnswer(1, 0, List.of()));

        AnnounceAnswer second = http.announce(torrent, randomBytes(20), httpPeer.getPort(), LEFT, Event.STARTED);
        assertThat(second.peers()).containsExactly(udpPeer);
        assertThat(second).isEqualTo(new AnnounceAnswer(1, 1, List.of(udpPeer)));

        // And back again: the UDP seeder now gets the HTTP leecher.
        AnnounceAnswer third = udp.announce(torrent, randomBytes(20), peer().getPort(), LEFT, Event.NONE);
        assertThat(third.peers()).contains(udpPeer, httpPeer);
    }

    @Test
    void scrapeCountsAgreeOverHttpAndUdp() throws Exception {
        byte[] busy = randomBytes(20);
        byte[] quiet = randomBytes(20);
        // Each protocol contributes a seeder, a leecher and (UDP) a completed download, so neither process
        // alone could count what the shared store holds.
        http.announce(busy, randomBytes(20), peer().getPort(), 0, Event.STARTED);
        udp.announce(busy, randomBytes(20), peer().getPort(), LEFT, Event.STARTED);
        byte[] finisher = randomBytes(20);
        int finisherPort = peer().getPort();
        udp.announce(busy, finisher, finisherPort, LEFT, Event.STARTED);
        udp.announce(busy, finisher, finisherPort, 0, Event.COMPLETED);
        http.announce(busy, randomBytes(20), peer().getPort(), LEFT, Event.STARTED);
        udp.announce(quiet, randomBytes(20), peer().getPort(), LEFT, Event.STARTED);

        List<ScrapeCounts> expected = List.of(new ScrapeCounts(2, 2, 1), new ScrapeCounts(0, 1, 0));
        assertThat(http.scrape(List.of(busy, quiet))).as("HTTP scrape").isEqualTo(expected);
        assertThat(udp.scrape(List.of(busy, quiet))).as("UDP scrape").isEqualTo(expected);
    }

    @Test
    void aPeerStoppedOverOneProtocolIsGoneForTheOther() throws Exception {
        byte[] torrent = randomBytes(20);
        byte[] leaver = randomBytes(20);
        InetSocketAddress leaverPeer = peer();
        InetSocketAddress stayer = peer();
        udp.announce(torrent, leaver, leaverPeer.getPort(), LEFT, Event.STARTED);
        http.announce(torrent, randomBytes(20), stayer.getPort(), LEFT, Event.STARTED);
        assertThat(http.scrape(List.of(torrent))).containsExactly(new ScrapeCounts(0, 2, 0));

        udp.announce(torrent, leaver, leaverPeer.getPort(), LEFT, Event.STOPPED);

        assertThat(http.scrape(List.of(torrent))).containsExactly(new ScrapeCounts(0, 1, 0));
        assertThat(http.announce(torrent, randomBytes(20), peer().getPort(), LEFT, Event.NONE).peers())
                .containsExactly(stayer);
    }

    /**
     * ttorrent ({@code com.turn:ttorrent-core}, a client we did not write) announces to a torrent whose
     * announce URL is the sidecar's {@code udp://}: its own UDP tracker client does the connect and announce
     * and parses our reply, and must find the seeder that announced over HTTP.
     */
    @Test
    void aThirdPartyUdpClientSeesThePeerAnnouncedOverHttp(@TempDir Path temp) throws Exception {
        URI announceUrl = URI.create("udp://127.0.0.1:" + udp.port() + "/announce");
        Path content = Files.createDirectories(temp.resolve("content")).resolve("content.bin");
        byte[] data = randomBytes(2 * Torrent.DEFAULT_PIECE_LENGTH + 1234);
        Files.write(content, data);
        Torrent torrent = Torrent.create(content.toFile(), announceUrl, "bittern-e2e");

        InetSocketAddress seeder = peer();
        http.announce(torrent.getInfoHash(), randomBytes(20), seeder.getPort(), 0, Event.STARTED);

        ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ttorrent-call");
            t.setDaemon(true);
            return t;
        });
        // An empty folder: ttorrent's own hash check makes this client a leecher of the whole torrent.
        SharedTorrent leecher = new SharedTorrent(torrent, Files.createDirectories(temp.resolve("leecher")).toFile(),
                false);
        try {
            calls.submit(() -> {
                leecher.init();
                return null;
            }).get(LIBRARY_CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(leecher.getLeft()).isEqualTo(data.length);
            InetSocketAddress self = peer();
            // ttorrent's own peer-id format: "-TO0042-" and 12 more characters.
            String id = "-TO0042-" + HttpTracker.escape(randomBytes(6)).replace("%", "");
            Announce announce = new Announce(leecher, new Peer("127.0.0.1", self.getPort(),
                    ByteBuffer.wrap(id.getBytes(StandardCharsets.ISO_8859_1))));
            Recorder recorder = new Recorder();
            announce.register(recorder);
            TrackerClient client = announce.getCurrentTrackerClient();
            assertThat(client).isInstanceOf(UDPTrackerClient.class);

            // An AnnounceException (an error packet, a reply ttorrent cannot parse) fails the test here.
            calls.submit(() -> {
                client.announce(RequestEvent.STARTED, false);
                return null;
            }).get(LIBRARY_CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(recorder.peers()).as("peers ttorrent was given").containsExactly(seeder);
            assertThat(recorder.complete()).as("seeders").isEqualTo(1);
            assertThat(recorder.incomplete()).as("leechers").isEqualTo(1);
            // The library's announce landed in the shared store too: the HTTP seeder gets the leecher back.
            assertThat(http.announce(torrent.getInfoHash(), randomBytes(20), seeder.getPort(), 0, Event.NONE).peers())
                    .contains(self);
        } finally {
            leecher.close();
            calls.shutdownNow();
        }
    }

    // ---- helpers

    /** What ttorrent tells its listeners about one announce. */
    private static final class Recorder implements AnnounceResponseListener {
        private int complete = -1;
        private int incomplete = -1;
        private List<InetSocketAddress> peers;

        @Override
        public synchronized void handleAnnounceResponse(int interval, int complete, int incomplete) {
            this.complete = complete;
            this.incomplete = incomplete;
        }

        @Override
        public synchronized void handleDiscoveredPeers(List<Peer> discovered) {
            List<InetSocketAddress> list = new ArrayList<>();
            for (Peer p : discovered) {
                list.add(new InetSocketAddress(p.getIp(), p.getPort()));
            }
            peers = List.copyOf(list);
        }

        synchronized int complete() {
            return complete;
        }

        synchronized int incomplete() {
            return incomplete;
        }

        synchronized List<InetSocketAddress> peers() {
            assertThat(peers).as("ttorrent reported the announce response").isNotNull();
            return peers;
        }
    }

    /** A peer address as the trackers see it: the test's loopback address, a port of its own per peer. */
    private InetSocketAddress peer() {
        return new InetSocketAddress(LOOPBACK, peerPorts.getAndIncrement());
    }

    private static boolean redisAnswersPing(int port) {
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }
}
