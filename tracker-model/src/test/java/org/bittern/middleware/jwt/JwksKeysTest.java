package org.bittern.middleware.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bittern.middleware.jwt.JwtFixtures.ecKey;
import static org.bittern.middleware.jwt.JwtFixtures.jwks;
import static org.bittern.middleware.jwt.JwtFixtures.rsaKey;
import static org.bittern.middleware.jwt.JwtFixtures.token;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.bittern.bittorrent.InfoHash;
import org.bittern.middleware.jwt.JwtVerification.Verdict;
import org.bittern.store.StoreFixtures;
import org.junit.jupiter.api.Test;

/** Fetching and refreshing the JWK set: rotation, outages of every kind keep the keys held, readiness. */
class JwksKeysTest {
    private static final InfoHash TORRENT = StoreFixtures.infoHash(7);
    private static final RSAKey OLD = rsaKey("2024");
    private static final ECKey NEW = ecKey("2025");

    @Test
    void aRotationIsPickedUpByTheBackgroundRefresh() throws Exception {
        try (JwksServer server = new JwksServer(jwks(OLD));
                JwksKeys keys = new JwksKeys(server.url(), Duration.ofMillis(100)).start()) {
            JwtVerification verification = JwtVerification.of(JwtVerificationTest.config(server), keys);
            await().atMost(Duration.ofSeconds(5)).until(verification::ready);
            assertThat(verification.verify(TORRENT, token(OLD, TORRENT))).isEqualTo(Verdict.ACCEPTED);
            assertThat(verification.verify(TORRENT, token(NEW, TORRENT))).isEqualTo(Verdict.UNKNOWN_KEY);

            server.serve(jwks(OLD, NEW)); // the issuer publishes the new key before signing with it
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> verification.verify(TORRENT, token(NEW, TORRENT)) == Verdict.ACCEPTED);
            assertThat(verification.verify(TORRENT, token(OLD, TORRENT))).isEqualTo(Verdict.ACCEPTED);

            server.serve(jwks(NEW)); // and retires the old one
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> verification.verify(TORRENT, token(OLD, TORRENT)) == Verdict.UNKNOWN_KEY);
            assertThat(verification.verify(TORRENT, token(NEW, TORRENT))).isEqualTo(Verdict.ACCEPTED);
        }
    }

    @Test
    void anOutageKeepsTheKeysHeld() throws Exception {
        try (JwksServer server = new JwksServer(jwks(OLD));
                JwksKeys keys = new JwksKeys(server.url(), Duration.ofHours(1), Duration.ofSeconds(1))) {
            assertThat(keys.refresh()).isTrue();

            server.fail(503);
            assertThat(keys.refresh()).isFalse();
            server.serve("<html>Bad gateway</html>");
            assertThat(keys.refresh()).as("garbage").isFalse();
            server.serve("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\"}]}");
            assertThat(keys.refresh()).as("a key without its exponent").isFalse();
            OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
            server.serve("{\"keys\":[" + secret.toJSONString() + "]}");
            assertThat(keys.refresh()).as("only a symmetric key: nothing usable").isFalse();
            server.hang();
            long started = System.nanoTime();
            assertThat(keys.refresh()).as("no answer").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

            JwtVerification verification = JwtVerification.of(JwtVerificationTest.config(server), keys);
            assertThat(verification.ready()).isTrue();
            assertThat(verification.verify(TORRENT, token(OLD, TORRENT))).isEqualTo(Verdict.ACCEPTED);
        }
    }

    @Test
    void anUnreachableJwksAtStartIsNotReadyUntilItAnswers() throws Exception {
        try (JwksServer server = new JwksServer(jwks(NEW))) {
            server.fail(503);
            try (JwksKeys keys = new JwksKeys(server.url(), Duration.ofMillis(100)).start()) {
                JwtVerification verification = JwtVerification.of(JwtVerificationTest.config(server), keys);
                await().atMost(Duration.ofSeconds(5)).until(() -> server.requests() >= 2);
                assertThat(verification.ready()).isFalse();
                assertThat(verification.verify(TORRENT, token(NEW, TORRENT))).isEqualTo(Verdict.NO_KEYS);

                server.serve(jwks(NEW));
                await().atMost(Duration.ofSeconds(5)).until(verification::ready);
                assertThat(verification.verify(TORRENT, token(NEW, TORRENT))).isEqualTo(Verdict.ACCEPTED);
            }
        }
        try (JwksKeys nobody = new JwksKeys(URI.create("http://127.0.0.1:" + closedPort() + "/jwks.json"),
                Duration.ofHours(1))) {
            assertThat(nobody.refresh()).as("connection refused").isFalse();
            assertThat(nobody.loaded()).isFalse();
        }
    }

    @Test
    void keysForOtherUsesAlgorithmsOrCurvesAreLeftOut() throws Exception {
        RSAKey encryption = new com.nimbusds.jose.jwk.RSAKey.Builder(rsaKey("enc"))
                .keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).build();
        RSAKey rs512Only = new com.nimbusds.jose.jwk.RSAKey.Builder(rsaKey("rs512"))
                .algorithm(com.nimbusds.jose.JWSAlgorithm.RS512).build();
        ECKey p384 = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384).keyID("p384")
                .generate();
        JwksKeys.KeySet set = JwksKeys.parse(jwks(encryption, rs512Only, p384, OLD));
        assertThat(set.all()).extracting(JwksKeys.Verifier::kid).containsExactly("2024");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
