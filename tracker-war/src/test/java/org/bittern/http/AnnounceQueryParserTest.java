package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnnounceQueryParserTest {

    /** info_hash with every byte class that breaks naive decoders: NUL, 0xff, 0x80, + & = escaped. */
    static final String HASH_ESCAPED = "%00%ff%80%2B%26%3D" + "%01".repeat(14);
    static final byte[] HASH = hash();
    static final String PEER_ID_TEXT = "-qB4650-abcdefghijkl";
    static final String REQUIRED = "info_hash=" + HASH_ESCAPED + "&peer_id=" + PEER_ID_TEXT
            + "&port=6881&uploaded=0&downloaded=0&left=0";

    private static byte[] hash() {
        byte[] h = new byte[20];
        Arrays.fill(h, (byte) 1);
        h[0] = 0;
        h[1] = (byte) 0xff;
        h[2] = (byte) 0x80;
        h[3] = '+';
        h[4] = '&';
        h[5] = '=';
        return h;
    }

    static final InetAddress CLIENT = ip("192.0.2.7");
    static final InetAddress CLIENT6 = ip("2001:db8::7");

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByAddress(IpLiterals.parse(literal));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private final AnnounceQueryParser parser = new AnnounceQueryParser(false);
    private final AnnounceQueryParser spoofable = new AnnounceQueryParser(true);

    private AnnounceQueryParser.HttpAnnounce parse(String query) {
        return parser.parse(query, CLIENT);
    }

    /** The required parameters with {@code name} replaced by {@code name=value} (or removed when null). */
    static String with(String name, String value) {
        StringBuilder sb = new StringBuilder();
        for (String pair : REQUIRED.split("&")) {
            if (!pair.startsWith(name + "=")) {
                sb.append(pair).append('&');
            }
        }
        if (value != null) {
            sb.append(name).append('=').append(value);
        }
        return sb.toString();
    }

    private void assertError(String query, String message) {
        assertThatThrownBy(() -> parse(query)).isInstanceOf(ClientError.class).hasMessage(message);
    }

    @Test
    void minimalAnnounceWithDefaults() {
        AnnounceQueryParser.HttpAnnounce a = parse(REQUIRED);
        AnnounceRequest r = a.request();
        assertThat(r.infoHash()).isEqualTo(InfoHash.of(HASH));
        assertThat(r.peer().id()).isEqualTo(PeerId.of(PEER_ID_TEXT.getBytes()));
        assertThat(r.peer().port()).isEqualTo(6881);
        assertThat(r.peer().inetAddress()).isEqualTo(CLIENT);
        assertThat(r.event()).isEqualTo(Event.NONE);
        assertThat(r.uploaded()).isZero();
        assertThat(r.downloaded()).isZero();
        assertThat(r.left()).isZero();
        assertThat(r.numWant()).isEqualTo(AnnounceRequest.DEFAULT_NUM_WANT);
        assertThat(r.bothFamilies()).isTrue();
        assertThat(r.params()).isEmpty();
        assertThat(a.compact()).isTrue();
        assertThat(a.noPeerId()).isFalse();
    }

    @Test
    void realisticQbittorrentAnnounce() {
        String q = "info_hash=%d2%1b%e6%e3%af%8e%d5%1b%0a%fb%ec%f9%13%c4%2a%12%2b%05%86%fe"
                + "&peer_id=-qB4650-%2a%28Ab~Zl%21u%2aBx&port=51413&uploaded=1024&downloaded=2048&left=123456789"
                + "&corrupt=0&key=7A1B2C3D&event=started&numwant=200&compact=1&no_peer_id=1&supportcrypto=1&redundant=0";
        AnnounceQueryParser.HttpAnnounce a = parse(q);
        assertThat(a.request().infoHash().toHex()).isEqualTo("d21be6e3af8ed51b0afbecf913c42a122b0586fe");
        assertThat(a.request().peer().id().toBytes()).isEqualTo("-qB4650-*(Ab~Zl!u*Bx".getBytes());
        assertThat(a.request().event()).isEqualTo(Event.STARTED);
        assertThat(a.request().uploaded()).isEqualTo(1024);
        assertThat(a.request().downloaded()).isEqualTo(2048);
        assertThat(a.request().left()).isEqualTo(123456789);
        assertThat(a.request().numWant()).isEqualTo(200);
        assertThat(a.request().params()).isEqualTo(Map.of("key", "7A1B2C3D"));
        assertThat(a.compact()).isTrue();
        assertThat(a.noPeerId()).isTrue();
    }

    @Test
    void semicolonSeparatedQuery() {
        assertThat(parse(REQUIRED.replace('&', ';')).request().infoHash()).isEqualTo(InfoHash.of(HASH));
    }

    @Test
    void repeatedKeysLastWins() {
        AnnounceRequest r = parse(REQUIRED + "&port=1&numwant=5&numwant=7&event=started&event=completed").request();
        assertThat(r.peer().port()).isEqualTo(1);
        assertThat(r.numWant()).isEqualTo(7);
        assertThat(r.event()).isEqualTo(Event.COMPLETED);
    }

    @Test
    void repeatedInfoHashInAnAnnounceLastWins() {
        String other = "%02".repeat(20);
        assertThat(parse(REQUIRED + "&info_hash=" + other).request().infoHash().toHex()).isEqualTo("02".repeat(20));
    }

    @Test
    void missingInfoHash() {
        assertError(with("info_hash", null), HttpErrors.MISSING_INFO_HASH);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 19, 21, 40})
    void infoHashMustBe20Bytes(int length) {
        assertError(with("info_hash", "%41".repeat(length)), HttpErrors.INVALID_INFO_HASH);
    }

    @Test
    void infoHashAsHexTextIsNot20Bytes() {
        assertError(with("info_hash", "d21be6e3af8ed51b0afbecf913c42a122b0586fe"), HttpErrors.INVALID_INFO_HASH);
    }

    @Test
    void missingPeerId() {
        assertError(with("peer_id", null), HttpErrors.MISSING_PEER_ID);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 19, 21})
    void peerIdMustBe20Bytes(int length) {
        assertError(with("peer_id", "x".repeat(length)), HttpErrors.INVALID_PEER_ID);
    }

    @Test
    void binaryPeerId() {
        AnnounceRequest r = parse(with("peer_id", "%00%ff%80%2B%26%3D" + "+".repeat(14))).request();
        byte[] expected = new byte[20];
        Arrays.fill(expected, (byte) ' ');
        System.arraycopy(new byte[] {0, (byte) 0xff, (byte) 0x80, '+', '&', '='}, 0, expected, 0, 6);
        assertThat(r.peer().id().toBytes()).isEqualTo(expected);
    }

    @Test
    void missingPort() {
        assertError(with("port", null), HttpErrors.MISSING_PORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "", "+1", "6881a", "0x1ae1", "99999999999999999999999", " 1", "1.0"})
    void invalidPort(String port) {
        assertError(with("port", port), HttpErrors.INVALID_PORT);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "65535,65535", "06881,6881"})
    void portRange(String text, int port) {
        assertThat(parse(with("port", text)).request().peer().port()).isEqualTo(port);
    }

    @ParameterizedTest
    @CsvSource({"uploaded,missing uploaded", "downloaded,missing downloaded", "left,missing left"})
    void missingCounters(String name, String message) {
        assertError(with(name, null), message);
    }

    @ParameterizedTest
    @CsvSource({
            "uploaded,-1", "uploaded,18446744073709551616", "uploaded,''", "uploaded,1e3", "uploaded,+5",
            "downloaded,-1", "downloaded,99999999999999999999", "downloaded,'12 '", "downloaded,0x10",
            "left,-1", "left,184467440737095516150", "left,1.5", "left,abc", "left,%2D1"})
    void invalidCounters(String name, String value) {
        String message = switch (name) {
            case "uploaded" -> HttpErrors.INVALID_UPLOADED;
            case "downloaded" -> HttpErrors.INVALID_DOWNLOADED;
            default -> HttpErrors.INVALID_LEFT;
        };
        assertError(with(name, value), message);
    }

    @Test
    void countersCoverTheUnsigned64BitRange() {
        AnnounceRequest r = parse(with("left", "18446744073709551615") + "&uploaded=9223372036854775808"
                + "&downloaded=00000000000000000000000042").request();
        assertThat(r.left()).isEqualTo(Long.parseUnsignedLong("18446744073709551615")).isEqualTo(-1L);
        assertThat(r.uploaded()).isEqualTo(Long.MIN_VALUE);
        assertThat(r.downloaded()).isEqualTo(42);
        assertThat(parse(with("left", "9223372036854775807")).request().left()).isEqualTo(Long.MAX_VALUE);
        assertThat(parse(with("left", "18446744073709551609")).request().left()).isEqualTo(-7L);
    }

    @ParameterizedTest
    @CsvSource({"started,STARTED", "stopped,STOPPED", "completed,COMPLETED", "'',NONE"})
    void events(String text, Event event) {
        assertThat(parse(REQUIRED + "&event=" + text).request().event()).isEqualTo(event);
    }

    @Test
    void eventWithoutValueIsNone() {
        assertThat(parse(REQUIRED + "&event").request().event()).isEqualTo(Event.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "Started", "STOPPED", "paused", "none", "started%00", "0", "started+"})
    void invalidEvent(String text) {
        assertError(REQUIRED + "&event=" + text, HttpErrors.INVALID_EVENT);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "50,50", "200,200", "2147483647,2147483647", "2147483648,2147483647",
            "99999999999999999999999999,2147483647", "'',-1"})
    void numWant(String text, int expected) {
        assertThat(parse(REQUIRED + "&numwant=" + text).request().numWant()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-50", "abc", "1.5", "+3", "0x10"})
    void invalidNumWant(String text) {
        assertError(REQUIRED + "&numwant=" + text, HttpErrors.INVALID_NUMWANT);
    }

    @ParameterizedTest
    @CsvSource({"1,true", "0,false", "'',true"})
    void compact(String text, boolean expected) {
        assertThat(parse(REQUIRED + "&compact=" + text).compact()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "true", "yes", "00", "-1", "01"})
    void invalidCompact(String text) {
        assertError(REQUIRED + "&compact=" + text, HttpErrors.INVALID_COMPACT);
    }

    @ParameterizedTest
    @CsvSource({"1,true", "0,false", "'',false", "yes,false", "11,false"})
    void noPeerId(String text, boolean expected) {
        assertThat(parse(REQUIRED + "&no_peer_id=" + text).noPeerId()).isEqualTo(expected);
    }

    @Test
    void keyAndJwtArePassedAsUtf8Params() {
        AnnounceRequest r = parse(REQUIRED + "&key=%C3%A9k&jwt=eyJ.a-b_c.sig&foo=bar").request();
        assertThat(r.params()).isEqualTo(Map.of("key", "ék", "jwt", "eyJ.a-b_c.sig"));
        assertThat(parse(REQUIRED + "&jwt=t").request().params()).isEqualTo(Map.of("jwt", "t"));
    }

    @Test
    void firstProblemInFixedOrderIsReported() {
        assertError("port=0&left=x", HttpErrors.MISSING_INFO_HASH);
        assertError("info_hash=" + HASH_ESCAPED + "&port=0&left=x", HttpErrors.MISSING_PEER_ID);
        assertError(with("port", "0") + "&left=x", HttpErrors.INVALID_PORT);
    }

    @Test
    void ipParametersAreIgnoredWithoutSpoofing() {
        AnnounceRequest r = parse(REQUIRED + "&ip=198.51.100.1&ipv4=not-an-ip&ipv6=zz").request();
        assertThat(r.peer().inetAddress()).isEqualTo(CLIENT);
    }

    @Test
    void ipv6ClientAddress() {
        AnnounceRequest r = parser.parse(REQUIRED, CLIENT6).request();
        assertThat(r.peer().inetAddress()).isEqualTo(CLIENT6);
        assertThat(r.peer().family().addressLength()).isEqualTo(16);
    }

    @Test
    void ipv4MappedClientBecomesIpv4() throws UnknownHostException {
        byte[] mapped = IpLiterals.parse("::ffff:192.0.2.7");
        InetAddress v6Form = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(parser.parse(REQUIRED, v6Form).request().peer().address()).hasSize(4);
    }

    @Test
    void spoofedIpIsUsedWhenAllowed() {
        AnnounceRequest r = spoofable.parse(REQUIRED + "&ip=198.51.100.1", CLIENT).request();
        assertThat(r.peer().inetAddress()).isEqualTo(ip("198.51.100.1"));
        assertThat(r.peer().port()).isEqualTo(6881);
        AnnounceRequest r6 = spoofable.parse(REQUIRED + "&ip=2001%3Adb8%3A%3A1", CLIENT).request();
        assertThat(r6.peer().inetAddress()).isEqualTo(ip("2001:db8::1"));
    }

    @Test
    void bep7EndpointsCarryTheirPort() {
        AnnounceRequest r = spoofable.parse(REQUIRED + "&ipv4=198.51.100.1:7000", CLIENT).request();
        assertThat(r.peer().inetAddress()).isEqualTo(ip("198.51.100.1"));
        assertThat(r.peer().port()).isEqualTo(7000);
        AnnounceRequest r6 = spoofable.parse(REQUIRED + "&ipv6=%5B2001:db8::2%5D:7001", CLIENT6).request();
        assertThat(r6.peer().inetAddress()).isEqualTo(ip("2001:db8::2"));
        assertThat(r6.peer().port()).isEqualTo(7001);
    }

    @Test
    void spoofPrecedenceIpThenSameFamilyThenOther() {
        String both = REQUIRED + "&ipv4=198.51.100.4&ipv6=2001:db8::6";
        assertThat(spoofable.parse(both, CLIENT).request().peer().inetAddress()).isEqualTo(ip("198.51.100.4"));
        assertThat(spoofable.parse(both, CLIENT6).request().peer().inetAddress()).isEqualTo(ip("2001:db8::6"));
        assertThat(spoofable.parse(both + "&ip=203.0.113.9", CLIENT6).request().peer().inetAddress())
                .isEqualTo(ip("203.0.113.9"));
        assertThat(spoofable.parse(REQUIRED + "&ipv6=2001:db8::6", CLIENT).request().peer().inetAddress())
                .isEqualTo(ip("2001:db8::6"));
        assertThat(spoofable.parse(REQUIRED + "&ip=", CLIENT).request().peer().inetAddress()).isEqualTo(CLIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ip=example.com", "ip=localhost", "ip=256.1.1.1", "ip=1.2.3", "ip=1.2.3.4:80",
            "ip=01.2.3.4", "ip=::1%25eth0", "ipv4=2001:db8::1", "ipv4=1.2.3.4:0", "ipv4=1.2.3.4:65536",
            "ipv6=1.2.3.4", "ipv6=[::1", "ipv6=[::1]x", "ipv6=[1.2.3.4]:80", "ipv6=1:2:3:4:5:6:7:8:9", "ip=%C3%A9"})
    void invalidSpoofedAddress(String param) {
        assertThatThrownBy(() -> spoofable.parse(REQUIRED + "&" + param, CLIENT))
                .isInstanceOf(ClientError.class).hasMessage(HttpErrors.INVALID_IP);
    }

    @Test
    void queryErrorsComeFromRawQuery() {
        assertError(REQUIRED + "&key=%zz", HttpErrors.BAD_ESCAPE);
        assertError(REQUIRED + "&key=" + "x".repeat(60 * 1024), HttpErrors.QUERY_TOO_LONG);
        assertError(null, HttpErrors.MISSING_INFO_HASH);
    }
}
