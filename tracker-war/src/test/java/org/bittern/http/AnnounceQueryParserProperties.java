package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.Event;

class AnnounceQueryParserProperties {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final InetAddress CLIENT = AnnounceQueryParserTest.CLIENT;

    private final AnnounceQueryParser parser = new AnnounceQueryParser(false);
    private final AnnounceQueryParser spoofable = new AnnounceQueryParser(true);

    @Property
    void wellFormedAnnouncesRoundTrip(@ForAll @Size(20) byte[] infoHash, @ForAll @Size(20) byte[] peerId,
                                      @ForAll @IntRange(min = 1, max = 65535) int port,
                                      @ForAll long uploaded, @ForAll long downloaded, @ForAll long left,
                                      @ForAll Event event, @ForAll @IntRange(min = 0) int numWant,
                                      @ForAll boolean compact, @ForAll boolean minimalEscaping) {
        String eventText = event == Event.NONE ? "" : event.name().toLowerCase();
        String q = "info_hash=" + RawQueryProperties.encode(infoHash, minimalEscaping)
                + "&peer_id=" + RawQueryProperties.encode(peerId, !minimalEscaping)
                + "&port=" + port
                + "&uploaded=" + Long.toUnsignedString(uploaded)
                + "&downloaded=" + Long.toUnsignedString(downloaded)
                + "&left=" + Long.toUnsignedString(left)
                + "&event=" + eventText + "&numwant=" + numWant + "&compact=" + (compact ? 1 : 0);
        AnnounceQueryParser.HttpAnnounce a = parser.parse(q, CLIENT);
        AnnounceRequest r = a.request();
        assertThat(r.infoHash().toBytes()).isEqualTo(infoHash);
        assertThat(r.peer().id().toBytes()).isEqualTo(peerId);
        assertThat(r.peer().port()).isEqualTo(port);
        assertThat(r.uploaded()).isEqualTo(uploaded);
        assertThat(r.downloaded()).isEqualTo(downloaded);
        assertThat(r.left()).isEqualTo(left);
        assertThat(r.event()).isEqualTo(event);
        assertThat(r.numWant()).isEqualTo(numWant);
        assertThat(a.compact()).isEqualTo(compact);
    }

    /** Every value 0..2^64-1 parses to Long.parseUnsignedLong's result, with or without leading zeros. */
    @Property(tries = 2000)
    void unsignedRangeRoundTrips(@ForAll("unsigned64") BigInteger value, @ForAll @IntRange(max = 3) int zeros) {
        String text = "0".repeat(zeros) + value;
        AnnounceRequest r = parser.parse(AnnounceQueryParserTest.with("left", text) + "&uploaded=" + text, CLIENT)
                .request();
        assertThat(r.left()).isEqualTo(Long.parseUnsignedLong(value.toString())).isEqualTo(value.longValue());
        assertThat(r.uploaded()).isEqualTo(value.longValue());
    }

    @Property
    void beyondUnsignedRangeIsRejected(@ForAll("beyond64") BigInteger value) {
        assertThatThrownBy(() -> parser.parse(AnnounceQueryParserTest.with("downloaded", value.toString()), CLIENT))
                .isInstanceOf(ClientError.class).hasMessage(HttpErrors.INVALID_DOWNLOADED);
    }

    @Property
    void negativeNumbersAreRejected(@ForAll @IntRange(min = 1) int magnitude) {
        assertThatThrownBy(() -> parser.parse(AnnounceQueryParserTest.with("left", "-" + magnitude), CLIENT))
                .hasMessage(HttpErrors.INVALID_LEFT);
        assertThatThrownBy(() -> parser.parse(AnnounceQueryParserTest.REQUIRED + "&numwant=-" + magnitude, CLIENT))
                .hasMessage(HttpErrors.INVALID_NUMWANT);
    }

    /** Nothing a client can send makes the parser throw anything but a ClientError with a known text. */
    @Property(tries = 3000)
    void arbitraryQueriesOnlyEverThrowClientError(@ForAll("announceLike") String raw, @ForAll boolean spoof) {
        try {
            (spoof ? spoofable : parser).parse(raw, CLIENT);
        } catch (ClientError e) {
            assertThat(knownMessage(e.getMessage())).as(e.getMessage()).isTrue();
        }
    }

    @Property
    void arbitraryUnicodeOnlyEverThrowsClientError(@ForAll String raw) {
        try {
            spoofable.parse(raw, CLIENT);
        } catch (ClientError e) {
            assertThat(knownMessage(e.getMessage())).isTrue();
        }
    }

    private static boolean knownMessage(String m) {
        for (var f : HttpErrors.class.getFields()) {
            try {
                if (f.get(null).equals(m)) {
                    return true;
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return false;
    }

    @Provide
    Arbitrary<BigInteger> unsigned64() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, TWO_64.subtract(BigInteger.ONE)),
                Arbitraries.longs().map(l -> new BigInteger(Long.toUnsignedString(l))),
                Arbitraries.of(BigInteger.ZERO, TWO_64.subtract(BigInteger.ONE), BigInteger.valueOf(Long.MAX_VALUE),
                        BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)));
    }

    @Provide
    Arbitrary<BigInteger> beyond64() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(TWO_64, TWO_64.shiftLeft(70)),
                Arbitraries.of(TWO_64, TWO_64.add(BigInteger.valueOf(5)), TWO_64.multiply(BigInteger.TEN)));
    }

    /** Mostly well-formed announces with random damage: valid keys, odd values, stray escapes. */
    @Provide
    Arbitrary<String> announceLike() {
        Arbitrary<String> key = Arbitraries.of("info_hash", "peer_id", "port", "uploaded", "downloaded", "left",
                "event", "numwant", "compact", "no_peer_id", "key", "jwt", "ip", "ipv4", "ipv6", "other", "");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("", "0", "1", "-1", "65535", "65536", "18446744073709551615", "18446744073709551616",
                        "started", "paused", "1.2.3.4", "::1", "[::1]:1", "1.2.3.4:0", "[", "]", "::", ":::",
                        "%", "%4", "%zz", "é", "+", "%00", AnnounceQueryParserTest.HASH_ESCAPED, "x".repeat(20)),
                Arbitraries.strings().ofMaxLength(25),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(25).map(b -> RawQueryProperties.encode(b, true)));
        Arbitrary<String> pair = Arbitraries.oneOf(
                key.flatMap(k -> value.map(v -> k + "=" + v)),
                key);
        Arbitrary<String> sep = Arbitraries.of("&", ";", "&&", "=");
        return Arbitraries.oneOf(
                pair.list().ofMaxSize(16).flatMap(ps -> sep.map(s -> String.join(s, ps))),
                value.list().ofMaxSize(16).map(vs -> AnnounceQueryParserTest.REQUIRED + "&" + String.join("&", vs)),
                Arbitraries.strings().ofMaxLength(80).map(s -> AnnounceQueryParserTest.REQUIRED + "&" + s));
    }
}
