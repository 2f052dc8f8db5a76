package org.bittern.udp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.middleware.MiddlewareFixtures.firstPeer;
import static org.bittern.middleware.MiddlewareFixtures.peerId;
import static org.bittern.udp.e2e.E2eServers.freeTcpPort;
import static org.bittern.udp.e2e.E2eServers.freeUdpPort;
import static org.bittern.udp.e2e.E2eServers.randomBytes;
import static org.bittern.udp.e2e.E2eServers.returns200;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerId;
import org.bittern.middleware.jwt.JwksServer;
import org.bittern.middleware.jwt.JwtFixtures;
import org.bittern.middleware.intervalvariation.IntervalVariation;
import org.bittern.middleware.intervalvariation.IntervalVariationConfig;
import org.bittern.udp.e2e.TrackerEndpoint.Event;
import org.bittern.udp.e2e.TrackerEndpoint.Outcome;
import org.bittern.udp.e2e.TrackerEndpoint.ScrapeCounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * client-approval, jwt and interval-variation end to end (issue 5): one YAML file configures both for the packaged
 * WAR on a real Payara Micro and for the packaged sidecar jar, each with its own memory store, and both
 * protocols must refuse the same clients and give one peer the same raised interval. Payara starts once for
 * every HTTP middleware check of this class.
 */
class MiddlewareIT {
    private static final int INTERVAL = 1200;
    private static final int MIN_INTERVAL = 600;
    private static final long LEFT = 1_000;
    private static final String ADMIN_TOKEN = "e2e-admin-token";
    /** What the file's interval-variation section decides, computed without a server. */
    private static final IntervalVariation EXPECTED = IntervalVariation.of(new IntervalVariationConfig(0.5, 60, true));

    /** The issuer's signing key; its JWK set is served by {@link #jwks}, which Payara and the sidecar fetch. */
    private static final RSAKey KEY = JwtFixtures.rsaKey("e2e");

    private static JwksServer jwks;
    private static E2eServers servers;
    private static HttpTracker http;
    private static UdpTracker udp;

    @BeforeAll
    static void startPayaraAndSidecar() throws Exception {
        servers = new E2eServers("middleware");
        jwks = new JwksServer(JwtFixtures.jwks(KEY));
        int httpPort = freeTcpPort();
        int udpPort = freeUdpPort();
        int sidecarHealthPort = freeTcpPort();
        Path config = Files.writeString(servers.dir().resolve("bittern.yaml"), String.join("\n",
                "tracker:",
                "  announce-interval: 20m",
                "  min-announce-interval: 10m",
                // The admin API with a token but no database (tracker.db.url): it must answer 503, not break the WAR.
                "  admin:",
                "    token: \"" + ADMIN_TOKEN + "\"",
                "  udp:",
                "    listen: \"127.0.0.1:" + udpPort + "\"",
                "    metrics: \"127.0.0.1:" + sidecarHealthPort + "\"",
                "    workers: 1",
                "    private-key: \"e2e-only-connection-id-key-0123456789\"",
                "  middleware:",
                "    client-approval:",
                "      blacklist: [UT3550, \"%FF%FF%FF%FF%FF%FF\"]",
                "    jwt:",
                "      issuer: \"" + JwtFixtures.ISSUER + "\"",
                "      audience: \"" + JwtFixtures.AUDIENCE + "\"",
                "      jwks-url: \"" + jwks.url() + "\"",
                "    interval-variation:",
                "      modify-response-probability: 0.5",
                "      max-increase-delta: 60",
                "      modify-min-interval: true",
                "    subnet-preference:",
                "      ipv4-prefix: 24",
                ""));
        ChildProcess payara = servers.startPayara(httpPort, config);
        ChildProcess sidecar = servers.startSidecar(config);

        http = new HttpTracker(URI.create("http://127.0.0.1:" + httpPort));
        udp = new UdpTracker(new InetSocketAddress(E2eServers.LOOPBACK, udpPort));
        // Ready only once each has fetched the JWK set from the test's server.
        servers.waitFor(sidecar).until(() -> udp.answersConnect()
                && returns200("http://127.0.0.1:" + sidecarHealthPort + "/health/ready"));
        servers.awaitWar(payara, httpPort, http);
    }

    @Test
    void withATokenButNoDatabaseTheAdminApiAnswers503AndTheTrackerServes() throws Exception {
        HttpResponse<String> noDatabase = http.admin("/api/v1/torrents", ADMIN_TOKEN);
        assertThat(noDatabase.statusCode()).isEqualTo(503);
        assertThat(noDatabase.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(noDatabase.body()).contains("\"status\":503", "tracker.db.url is not set");
        assertThat(http.admin("/api/v1/torrents", "not-the-token").statusCode()).isEqualTo(401);
        assertThat(http.scrape(List.of(randomBytes(20)))).hasSize(1);
    }

    @AfterAll
    static void stopEverythingWeStarted() throws InterruptedException {
        if (servers != null) {
            servers.close();
        }
        if (jwks != null) {
            jwks.close();
        }
    }

    @AfterEach
    void serversSurvivedTheTest() {
        servers.assertAlive();
    }

    @Test
    void blacklistedClientsAreRefusedOverHttpAndUdpAndNotStored() throws Exception {
        byte[] torrent = randomBytes(20);
        byte[] binaryClient = randomBytes(20);
        Arrays.fill(binaryClient, 0, 6, (byte) 0xff);

        for (TrackerEndpoint tracker : List.of(http, udp)) {
            assertThat(tracker.announceOutcome(torrent, peerId("-UT3550-").toBytes(), 7001, LEFT, Event.STARTED))
                    .isEqualTo(Outcome.refused("unapproved client"));
            assertThat(tracker.announceOutcome(torrent, binaryClient, 7002, LEFT, Event.STARTED).refusal())
                    .isEqualTo("unapproved client");
            assertThat(tracker.scrape(List.of(torrent))).containsExactly(new ScrapeCounts(0, 0, 0));
        }
    }

    @Test
    void onePeerGetsTheSameRaisedIntervalOverHttpAndUdp() throws Exception {
        byte[] torrent = randomBytes(20);
        InfoHash hash = InfoHash.of(torrent);
        PeerId raised = firstPeer(EXPECTED, "-qB4650-", hash, true);
        PeerId unchanged = firstPeer(EXPECTED, "-qB4650-", hash, false);
        int increase = EXPECTED.increase(hash, raised);
        String jwt = JwtFixtures.token(KEY, hash);

        assertThat(http.announceOutcome(torrent, raised.toBytes(), 7003, LEFT, Event.STARTED, jwt))
                .isEqualTo(new Outcome(null, INTERVAL + increase, MIN_INTERVAL + increase));
        assertThat(http.announceOutcome(torrent, raised.toBytes(), 7003, LEFT, Event.NONE, jwt))
                .as("again: the same answer").isEqualTo(new Outcome(null, INTERVAL + increase, MIN_INTERVAL + increase));
        assertThat(udp.announceOutcome(torrent, raised.toBytes(), 7003, LEFT, Event.STARTED, jwt))
                .as("the sidecar decides as the WAR does")
                .isEqualTo(new Outcome(null, INTERVAL + increase, Outcome.NO_MIN_INTERVAL));

        assertThat(http.announceOutcome(torrent, unchanged.toBytes(), 7004, LEFT, Event.STARTED, jwt))
                .isEqualTo(new Outcome(null, INTERVAL, MIN_INTERVAL));
        assertThat(udp.announceOutcome(torrent, unchanged.toBytes(), 7004, LEFT, Event.STARTED, jwt))
                .isEqualTo(new Outcome(null, INTERVAL, Outcome.NO_MIN_INTERVAL));
    }

    @Test
    void onlyAnnouncesWithATokenForTheirInfoHashAreStoredOverHttpAndUdp() throws Exception {
        byte[] torrent = randomBytes(20);
        InfoHash hash = InfoHash.of(torrent);
        String jwt = JwtFixtures.token(KEY, hash);
        String forAnother = JwtFixtures.token(KEY, InfoHash.of(randomBytes(20)));
        String expired = JwtFixtures.token(KEY, hash, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(600))));

        int port = 7100;
        for (TrackerEndpoint tracker : List.of(http, udp)) {
            assertThat(tracker.announceOutcome(torrent, peerId("-qB4650-" + port).toBytes(), port++, LEFT,
                    Event.STARTED, jwt).refusal()).isNull();
            assertThat(tracker.announceOutcome(torrent, peerId("-qB4650-" + port).toBytes(), port++, LEFT,
                    Event.STARTED)).isEqualTo(Outcome.refused("unapproved request: missing jwt"));
            for (String bad : List.of(forAnother, expired, jwt.substring(0, jwt.length() - 4))) {
                assertThat(tracker.announceOutcome(torrent, peerId("-qB4650-" + port).toBytes(), port++, LEFT,
                        Event.STARTED, bad)).isEqualTo(Outcome.refused("unapproved request: invalid jwt"));
            }
        }
        // Each process has its own memory store: one accepted announce in each, and scrapes need no token.
        assertThat(http.scrape(List.of(torrent))).containsExactly(new ScrapeCounts(0, 1, 0));
        assertThat(udp.scrape(List.of(torrent))).containsExactly(new ScrapeCounts(0, 1, 0));
    }

    /**
     * subnet-preference: peers announce from five loopback /24s (127.0.N.1, all routed to the loopback device), a
     * seeder and three leechers each, to the WAR and to the sidecar; a leecher of 127.0.2.x gets the peers of its
     * own /24 first, their seeder leading, then the seeders of the other subnets, then their leechers.
     */
    @Test
    void ownSlash24PeersComeFirstOverHttpAndUdp() throws Exception {
        for (TrackerEndpoint tracker : List.of(http, udp)) {
            byte[] torrent = randomBytes(20);
            String jwt = JwtFixtures.token(KEY, InfoHash.of(torrent));
            for (int subnet = 0; subnet < 5; subnet++) {
                TrackerEndpoint client = from(tracker, subnet);
                for (int n = 0; n < 4; n++) {
                    client.announce(torrent, peerId("-qB4650-" + subnet + "-" + n).toBytes(), 7100 + n,
                            n == 0 ? 0 : LEFT, Event.STARTED, jwt);
                }
            }

            List<InetSocketAddress> got = from(tracker, 2).announce(torrent, peerId("-qB4650-me").toBytes(), 7200,
                    LEFT, Event.STARTED, jwt).peers();

            String protocol = tracker == http ? "HTTP" : "UDP";
            List<Integer> subnets = got.stream().map(a -> a.getAddress().getAddress()[2] & 0xff).toList();
            List<Integer> ports = got.stream().map(InetSocketAddress::getPort).toList();
            assertThat(got).as(protocol).hasSize(20).doesNotHaveDuplicates();
            assertThat(subnets.subList(0, 4)).as(protocol + ": own /24 first").containsOnly(2);
            assertThat(ports.get(0)).as(protocol + ": its seeder leading").isEqualTo(7100);
            assertThat(subnets.subList(4, 20)).as(protocol).doesNotContain(2);
            assertThat(ports.subList(4, 8)).as(protocol + ": then the other seeders").containsOnly(7100);
        }
    }

    private static TrackerEndpoint from(TrackerEndpoint tracker, int subnet) throws Exception {
        java.net.InetAddress source = java.net.InetAddress.getByAddress(new byte[] {127, 0, (byte) subnet, 1});
        return tracker == http ? http.from(source) : udp.from(source);
    }
}
