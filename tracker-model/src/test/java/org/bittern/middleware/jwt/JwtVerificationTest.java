package org.bittern.middleware.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.middleware.jwt.JwtFixtures.AUDIENCE;
import static org.bittern.middleware.jwt.JwtFixtures.ISSUER;
import static org.bittern.middleware.jwt.JwtFixtures.ecKey;
import static org.bittern.middleware.jwt.JwtFixtures.jwks;
import static org.bittern.middleware.jwt.JwtFixtures.rsaKey;
import static org.bittern.middleware.jwt.JwtFixtures.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.InfoHash;
import org.bittern.logging.LogCapture;
import org.bittern.middleware.jwt.JwtVerification.Verdict;
import org.bittern.store.StoreFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jwt decision with keys and tokens made here, the JWK set fetched from a real HTTP server on loopback
 * (fetches are made synchronous with {@link JwksKeys#refresh()}, so no test waits for the background thread).
 */
class JwtVerificationTest {
    private static final InfoHash TORRENT = StoreFixtures.infoHash(42);
    private static final InfoHash OTHER = StoreFixtures.infoHash(43);
    private static final RSAKey RSA = rsaKey("rsa-1");
    private static final ECKey EC = ecKey("ec-1");

    private static JwksServer server;
    private static JwksKeys keys;
    private static JwtVerification verification;

    @BeforeAll
    static void start() throws Exception {
        server = new JwksServer(jwks(RSA, EC));
        keys = new JwksKeys(server.url(), Duration.ofHours(1));
        assertThat(keys.refresh()).isTrue();
        verification = JwtVerification.of(config(server), keys);
    }

    @AfterAll
    static void stop() {
        keys.close();
        server.close();
    }

    static JwtConfig config(JwksServer jwksServer) {
        return new JwtConfig(ISSUER, AUDIENCE, jwksServer.url(), Duration.ofHours(1));
    }

    @Test
    void acceptsRs256AndEs256TokensForTheAnnouncedInfoHash() {
        assertThat(verification.verify(TORRENT, token(RSA, TORRENT))).isEqualTo(Verdict.ACCEPTED);
        assertThat(verification.verify(TORRENT, token(EC, TORRENT))).isEqualTo(Verdict.ACCEPTED);
        assertThatCode(() -> verification.check(TORRENT, Map.of("jwt", token(EC, TORRENT)))).doesNotThrowAnyException();
    }

    @Test
    void refusesWithTheTwoTextsOnly() {
        assertThatThrownBy(() -> verification.check(TORRENT, Map.of()))
                .isInstanceOf(ClientError.class).hasMessage("unapproved request: missing jwt");
        assertThatThrownBy(() -> verification.check(TORRENT, Map.of("jwt", "")))
                .isInstanceOf(ClientError.class).hasMessage("unapproved request: missing jwt");
        assertThatThrownBy(() -> verification.check(OTHER, Map.of("jwt", token(RSA, TORRENT))))
                .isInstanceOf(ClientError.class).hasMessage("unapproved request: invalid jwt");
    }

    @Test
    void refusesWrongClaims() {
        assertThat(verification.verify(OTHER, token(RSA, TORRENT))).isEqualTo(Verdict.INFOHASH);
        assertThat(verification.verify(TORRENT, token(RSA, TORRENT,
                c -> c.claim("infohash", TORRENT.toHex().toUpperCase())))).as("lower-case hex only")
                .isEqualTo(Verdict.INFOHASH);
        assertThat(verification.verify(TORRENT, token(RSA, TORRENT, c -> c.claim("infohash", null))))
                .isEqualTo(Verdict.INFOHASH);
        assertThat(verification.verify(TORRENT, token(RSA, TORRENT, c -> c.issuer("https://evil.test"))))
                .isEqualTo(Verdict.ISSUER);
        assertThat(verification.verify(TORRENT, token(RSA, TORRENT, c -> c.issuer(null)))).isEqualTo(Verdict.ISSUER);
        assertThat(verification.verify(TORRENT, token(EC, TORRENT, c -> c.audience("another-tracker"))))
                .isEqualTo(Verdict.AUDIENCE);
        assertThat(verification.verify(TORRENT, token(EC, TORRENT, c -> c.audience(List.of()))))
                .isEqualTo(Verdict.AUDIENCE);
        assertThat(verification.verify(TORRENT, token(EC, TORRENT, c -> c.audience(AUDIENCE))))
                .as("a single aud string").isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void honoursExpAndNbfWithASmallLeeway() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        JwtVerification at = new JwtVerification(config(server), keys, Clock.fixed(now, ZoneOffset.UTC));
        Date justExpired = Date.from(now.minus(JwtVerification.LEEWAY).minusSeconds(1));
        Date expiredWithinLeeway = Date.from(now.minus(JwtVerification.LEEWAY).plusSeconds(5));
        Date notYet = Date.from(now.plus(JwtVerification.LEEWAY).plusSeconds(1));
        Date notYetWithinLeeway = Date.from(now.plus(JwtVerification.LEEWAY).minusSeconds(5));

        assertThat(at.verify(TORRENT, token(RSA, TORRENT, c -> c.notBeforeTime(null).expirationTime(justExpired))))
                .isEqualTo(Verdict.EXPIRED);
        assertThat(at.verify(TORRENT, token(RSA, TORRENT,
                c -> c.notBeforeTime(null).expirationTime(expiredWithinLeeway)))).isEqualTo(Verdict.ACCEPTED);
        assertThat(at.verify(TORRENT, token(EC, TORRENT, c -> c.expirationTime(null).notBeforeTime(notYet))))
                .isEqualTo(Verdict.NOT_YET_VALID);
        assertThat(at.verify(TORRENT, token(EC, TORRENT,
                c -> c.expirationTime(null).notBeforeTime(notYetWithinLeeway)))).isEqualTo(Verdict.ACCEPTED);
        assertThat(verification.verify(TORRENT, token(RSA, TORRENT,
                c -> c.claim("exp", "tomorrow")))).as("exp not a number").isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void refusesKeysItDoesNotHold() {
        RSAKey stranger = rsaKey("rsa-1"); // the same kid, another key: a forger who read the JWK set
        assertThat(verification.verify(TORRENT, token(stranger, TORRENT))).isEqualTo(Verdict.SIGNATURE);
        assertThat(verification.verify(TORRENT, token(rsaKey("unknown-kid"), TORRENT))).isEqualTo(Verdict.UNKNOWN_KEY);
        assertThat(verification.verify(TORRENT, token(ecKey("rsa-1"), TORRENT)))
                .as("ES256 under the kid of an RSA key").isEqualTo(Verdict.UNKNOWN_KEY);
    }

    @Test
    void refusesATamperedToken() {
        String good = token(RSA, TORRENT);
        String[] parts = good.split("\\.");
        String otherClaims = token(RSA, OTHER).split("\\.")[1];
        assertThat(verification.verify(OTHER, parts[0] + "." + otherClaims + "." + parts[2]))
                .as("claims swapped under the old signature").isEqualTo(Verdict.SIGNATURE);
        char last = parts[2].charAt(10);
        String flipped = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        assertThat(verification.verify(TORRENT, parts[0] + "." + parts[1] + "." + flipped))
                .isEqualTo(Verdict.SIGNATURE);
        assertThat(verification.verify(TORRENT, parts[0] + "." + parts[1] + "."))
                .as("signature cut off").isIn(Verdict.SIGNATURE, Verdict.MALFORMED);
    }

    @Test
    void refusesAlgNoneAndHs256WithThePublicKeyAsSecret() throws Exception {
        PlainJWT unsigned = new PlainJWT(JwtFixtures.claims(TORRENT).build());
        assertThat(verification.verify(TORRENT, unsigned.serialize())).isEqualTo(Verdict.MALFORMED);
        String noneWithSignature = unsigned.serialize() + token(RSA, TORRENT).split("\\.")[2];
        assertThat(verification.verify(TORRENT, noneWithSignature)).isEqualTo(Verdict.MALFORMED);
        String headerNone = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"rsa-1\"}".getBytes(StandardCharsets.UTF_8))
                + "." + token(RSA, TORRENT).split("\\.")[1] + ".";
        assertThat(verification.verify(TORRENT, headerNone)).isEqualTo(Verdict.MALFORMED);

        // The classic confusion attack: the RSA public key (as the JWK set publishes it) used as an HMAC secret.
        byte[] publicKeyAsSecret = RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1")
                .type(JOSEObjectType.JWT).build(), JwtFixtures.claims(TORRENT).build());
        hs256.sign(new MACSigner(publicKeyAsSecret));
        assertThat(verification.verify(TORRENT, hs256.serialize())).isEqualTo(Verdict.ALGORITHM);
        SignedJWT rs512 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1").build(),
                JwtFixtures.claims(TORRENT).build());
        rs512.sign(new com.nimbusds.jose.crypto.RSASSASigner(RSA));
        assertThat(verification.verify(TORRENT, rs512.serialize())).isEqualTo(Verdict.ALGORITHM);
    }

    @Test
    void refusesMalformedAndOversizedTokens() {
        assertThat(verification.verify(TORRENT, "not-a-jwt")).isEqualTo(Verdict.MALFORMED);
        assertThat(verification.verify(TORRENT, "a.b.c")).isEqualTo(Verdict.MALFORMED);
        assertThat(verification.verify(TORRENT, "x".repeat(JwtVerification.MAX_TOKEN_LENGTH + 1)))
                .isEqualTo(Verdict.TOO_LONG);
    }

    @Test
    void withoutKeysEveryTokenIsRefusedAndItIsNotReady() {
        try (JwksKeys none = new JwksKeys(server.url(), Duration.ofHours(1))) {
            JwtVerification unready = JwtVerification.of(config(server), none);
            assertThat(unready.ready()).isFalse();
            assertThat(unready.verify(TORRENT, token(RSA, TORRENT))).isEqualTo(Verdict.NO_KEYS);
        }
        assertThat(verification.ready()).isTrue();
        assertThat(JwtVerification.OFF.ready()).isTrue();
        assertThat(JwtVerification.OFF.verify(TORRENT, null)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void logsTheReasonOncePerPeriodNotPerRefusal() {
        List<LogRecord> records;
        try (LogCapture capture = LogCapture.of(JwtVerification.class)) {
            JwtVerification fresh = JwtVerification.of(config(server), keys);
            String wrongTorrent = token(RSA, OTHER);
            for (int i = 0; i < 200; i++) {
                assertThatThrownBy(() -> fresh.check(TORRENT, Map.of("jwt", wrongTorrent)))
                        .hasMessage("unapproved request: invalid jwt");
            }
            assertThatThrownBy(() -> fresh.check(TORRENT, Map.of())).hasMessage("unapproved request: missing jwt");
            records = capture.records();
        }
        assertThat(records).extracting(r -> r.getMessage()).containsExactly(
                "jwt: refused an announce for " + TORRENT.toHex() + ": infohash claim is not the announced info_hash",
                "jwt: refused an announce for " + TORRENT.toHex() + ": no jwt parameter");
    }
}
