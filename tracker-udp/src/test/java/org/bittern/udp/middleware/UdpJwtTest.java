package org.bittern.udp.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bittern.middleware.MiddlewareFixtures.peerId;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.udp.Datagrams.connect;
import static org.bittern.udp.Datagrams.exchange;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bittern.bittorrent.InfoHash;
import org.bittern.middleware.jwt.JwksServer;
import org.bittern.middleware.jwt.JwtFixtures;
import org.bittern.udp.Bep15;
import org.bittern.udp.Datagrams;
import org.bittern.udp.InProcessSidecar;
import org.bittern.udp.Sidecar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jwt over UDP: the whole sidecar in this JVM configured by its YAML file, the token in BEP 41 URL data (split
 * over several options, as an RS256 token is longer than one), the JWK set on a loopback server of the test, and
 * the sidecar's {@code /health/ready} waiting for that JWK set.
 */
class UdpJwtTest {
    private static final RSAKey KEY = JwtFixtures.rsaKey("udp");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static JwksServer jwks;
    static Sidecar sidecar;
    static InetSocketAddress server;

    @BeforeAll
    static void start() throws IOException {
        jwks = new JwksServer(JwtFixtures.jwks(KEY));
        jwks.fail(503); // the issuer is down when the sidecar starts
        Path yaml = Files.writeString(dir.resolve("bittern.yaml"), """
                tracker:
                  udp:
                    listen: "127.0.0.1:0"
                    metrics: "127.0.0.1:0"
                    workers: 1
                    private-key: "udp-jwt-test-key-0123456789abcdef"
                  middleware:
                    jwt:
                      issuer: "%s"
                      audience: "%s"
                      jwks-url: "%s"
                      jwks-refresh: 1s
                """.formatted(JwtFixtures.ISSUER, JwtFixtures.AUDIENCE, jwks.url()));
        sidecar = InProcessSidecar.start(yaml);
        server = sidecar.udpAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        InProcessSidecar.stop(sidecar);
        if (jwks != null) {
            jwks.close();
        }
    }

    @Test
    void readyOnlyOnceTheJwkSetIsFetchedThenTokensDecide() throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + sidecar.metricsAddress().getPort() + "/health/ready");
        HttpResponse<String> down = HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("{\"name\":\"jwt-keys\",\"status\":\"DOWN\"}")
                .contains("{\"name\":\"peer-store\",\"status\":\"UP\"}");

        jwks.serve(JwtFixtures.jwks(KEY));
        await().atMost(Duration.ofSeconds(10)).until(() -> HTTP.send(HttpRequest.newBuilder(ready).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        InfoHash torrent = infoHash(911);
        try (DatagramSocket socket = client()) {
            String token = JwtFixtures.token(KEY, torrent);
            ByteBuffer accepted = announce(socket, torrent, 6881, "/announce?jwt=" + token);
            assertThat(accepted.getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
            assertThat(accepted.getInt(12)).as("leechers").isEqualTo(1);

            assertThat(Datagrams.errorText(announce(socket, torrent, 6882, null)))
                    .isEqualTo("unapproved request: missing jwt");
            assertThat(Datagrams.errorText(announce(socket, torrent, 6883,
                    "/announce?jwt=" + JwtFixtures.token(KEY, infoHash(912)))))
                    .isEqualTo("unapproved request: invalid jwt");
            assertThat(Datagrams.errorText(announce(socket, torrent, 6884, "/announce?jwt=" + token + "x")))
                    .isEqualTo("unapproved request: invalid jwt");

            ByteBuffer scrape = exchange(socket, server, Datagrams.scrape(connect(socket, server), 3, torrent));
            assertThat(scrape.getInt(Bep15.RESPONSE_HEADER_LENGTH + 8)).as("scrape passes; only one stored").isEqualTo(1);
        }
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static ByteBuffer announce(DatagramSocket socket, InfoHash torrent, int port, String urlData)
            throws IOException {
        byte[] options = urlData == null ? new byte[0] : Datagrams.urlDataOptions(urlData);
        return exchange(socket, server, Datagrams.announce(connect(socket, server), 2, torrent, peerId("-qB4650-" + port),
                1000, 2, -1, port, options));
    }
}
