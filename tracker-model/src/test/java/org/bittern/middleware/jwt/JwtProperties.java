package org.bittern.middleware.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.InfoHash;
import org.bittern.store.StoreFixtures;

/** Whatever string arrives as {@code jwt}, the answer is one of the two refusals, never another exception. */
class JwtProperties {
    private static final InfoHash TORRENT = StoreFixtures.infoHash(5);
    private static JwksServer server;
    private static JwksKeys keys;
    private static JwtVerification verification;
    private static String valid;

    @BeforeContainer
    static void start() throws Exception {
        var key = JwtFixtures.ecKey("p");
        server = new JwksServer(JwtFixtures.jwks(key, JwtFixtures.rsaKey("r")));
        keys = new JwksKeys(server.url(), Duration.ofHours(1));
        keys.refresh();
        verification = JwtVerification.of(JwtVerificationTest.config(server), keys);
        valid = JwtFixtures.token(key, TORRENT);
    }

    @AfterContainer
    static void stop() {
        keys.close();
        server.close();
    }

    @Property(tries = 500)
    void arbitraryStringsAreRefused(@ForAll("tokens") String token) {
        assertThatCode(() -> {
            try {
                verification.check(TORRENT, Map.of("jwt", token));
            } catch (ClientError e) {
                assertThat(e.getMessage()).isIn(JwtVerification.MISSING, JwtVerification.INVALID);
            }
        }).doesNotThrowAnyException();
    }

    @Property(tries = 300)
    void aValidTokenWithOneCharacterChangedIsRefused(@ForAll("positions") int at, @ForAll("base64url") char c) {
        String changed = valid.substring(0, at) + c + valid.substring(at + 1);
        if (verification.verify(TORRENT, changed) == JwtVerification.Verdict.ACCEPTED) {
            // Only a change in the unused low bits of a segment's last base64url character: the same bytes.
            assertThat(decoded(changed)).isEqualTo(decoded(valid));
        }
    }

    private static java.util.List<String> decoded(String token) {
        return java.util.Arrays.stream(token.split("\\.", -1))
                .map(part -> java.util.HexFormat.of().formatHex(java.util.Base64.getUrlDecoder().decode(part)))
                .toList();
    }

    @Provide
    Arbitrary<String> tokens() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/")
                .ofMaxLength(80);
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().all().ofMaxLength(50),
                segment.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join(".", parts)),
                // real header or claims with random neighbours
                segment.map(s -> valid.substring(0, valid.indexOf('.') + 1) + s + "." + s),
                segment.map(s -> s + valid.substring(valid.indexOf('.'))),
                Arbitraries.strings().ofLength(JwtVerification.MAX_TOKEN_LENGTH + 1));
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, valid.length() - 1);
    }

    @Provide
    Arbitrary<Character> base64url() {
        return Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".toCharArray());
    }
}
