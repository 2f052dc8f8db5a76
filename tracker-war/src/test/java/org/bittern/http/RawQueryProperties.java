package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bittern.bittorrent.ClientError;

class RawQueryProperties {

    /** Percent-encodes every byte, or only the ones that need it, as different clients do. */
    static String encode(byte[] bytes, boolean minimal) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int v = b & 0xff;
            boolean plain = minimal && (Character.isLetterOrDigit(v) && v < 0x80 || v == '-' || v == '.' || v == '_' || v == '~');
            if (plain) {
                sb.append((char) v);
            } else {
                sb.append('%').append(Character.forDigit(v >> 4, 16)).append(Character.toUpperCase(Character.forDigit(v & 15, 16)));
            }
        }
        return sb.toString();
    }

    @Property
    void anyBytesRoundTrip(@ForAll @Size(max = 64) byte[] value, @ForAll boolean minimal, @ForAll("separator") String sep) {
        RawQuery q = RawQuery.parse("x=1" + sep + "v=" + encode(value, minimal) + sep + "y=2");
        assertThat(q.value("v")).isEqualTo(value);
        assertThat(q.size()).isEqualTo(3);
    }

    @Property
    void repeatedInfoHashesAllKeptInOrder(@ForAll @Size(max = 10) List<@Size(20) byte[]> hashes) {
        StringBuilder sb = new StringBuilder("peer_id=x");
        for (byte[] h : hashes) {
            sb.append("&info_hash=").append(encode(h, true));
        }
        assertThat(RawQuery.parse(sb.toString()).values("info_hash")).containsExactlyElementsOf(hashes);
    }

    @Property(tries = 2000)
    void arbitraryStringsOnlyEverThrowClientError(@ForAll("queryLike") String raw) {
        try {
            RawQuery q = RawQuery.parse(raw);
            for (int i = 0; i < q.size(); i++) {
                q.value(i);
                q.key(i);
            }
        } catch (ClientError expected) {
            assertThat(expected.getMessage()).isIn(HttpErrors.BAD_ESCAPE, HttpErrors.NON_ASCII_QUERY,
                    HttpErrors.QUERY_TOO_LONG);
        }
    }

    @Property
    void anyUnicodeOnlyEverThrowsClientError(@ForAll String raw) {
        try {
            RawQuery.parse(raw);
        } catch (ClientError expected) {
            // fine
        }
    }

    @Property
    void malformedEscapesAlwaysGiveClientError(@ForAll("valid") String prefix, @ForAll("badEscape") String bad,
                                               @ForAll("valid") String suffix) {
        assertThatThrownBy(() -> RawQuery.parse(prefix + bad + suffix)).isInstanceOf(ClientError.class)
                .hasMessage(HttpErrors.BAD_ESCAPE);
    }

    @Property
    void truncatedEscapeAtTheEndIsClientError(@ForAll("valid") String prefix, @ForAll("hexDigit") String partial,
                                              @ForAll boolean oneDigit) {
        String raw = prefix + "%" + (oneDigit ? partial : "");
        assertThatThrownBy(() -> RawQuery.parse(raw)).isInstanceOf(ClientError.class)
                .hasMessage(HttpErrors.BAD_ESCAPE);
    }

    @Provide
    Arbitrary<String> separator() {
        return Arbitraries.of("&", ";");
    }

    @Provide
    Arbitrary<String> queryLike() {
        Arbitrary<String> tokens = Arbitraries.oneOf(
                Arbitraries.of("%", "&", ";", "=", "+", "%2", "%zz", "%41", "%00", "%ff", "info_hash", "port",
                        "peer_id", "é", "\u0000", " ", "\uD83D"),
                Arbitraries.strings().ofMaxLength(4));
        return tokens.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    /** Well-formed query text (unreserved characters, separators and complete escapes). */
    @Provide
    Arbitrary<String> valid() {
        Arbitrary<String> tokens = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars('=', '&', ';', '+', '_', '.').ofMaxLength(5),
                Arbitraries.integers().between(0, 255).map(v -> String.format("%%%02X", v)));
        return tokens.list().ofMaxSize(10).map(l -> String.join("", l));
    }

    /** '%' followed by something other than two hex digits (then more text). */
    @Provide
    Arbitrary<String> badEscape() {
        Arbitrary<Character> hex = Arbitraries.chars().with("0123456789abcdefABCDEF".toCharArray());
        Arbitrary<Character> nonHex = Arbitraries.chars().ascii().filter(c -> Character.digit(c, 16) < 0);
        return Arbitraries.oneOf(
                nonHex.map(c -> "%" + c + "0"),
                hex.flatMap(h -> nonHex.map(c -> "%" + h + c)),
                nonHex.flatMap(a -> nonHex.map(b -> "%" + a + b)));
    }

    @Provide
    Arbitrary<String> hexDigit() {
        return Arbitraries.chars().with("0123456789abcdefABCDEF".toCharArray()).map(String::valueOf);
    }
}
