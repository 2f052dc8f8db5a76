package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    private static String hex(byte[] a) {
        return java.util.HexFormat.of().formatHex(a);
    }

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0,00000000", "192.0.2.255,c00002ff", "255.255.255.255,ffffffff",
            "::,00000000000000000000000000000000", "::1,00000000000000000000000000000001",
            "1::,00010000000000000000000000000000", "2001:DB8::8:800:200C:417A,20010db80000000000080800200c417a",
            "1:2:3:4:5:6:7:8,00010002000300040005000600070008", "1:2:3:4:5:6::8,00010002000300040005000600000008",
            "::ffff:192.0.2.1,00000000000000000000ffffc0000201", "64:ff9b::1.2.3.4,0064ff9b000000000000000001020304",
            "1:2:3:4:5:6:1.2.3.4,00010002000300040005000601020304", "fe80::0:0:1,fe800000000000000000000000000001"})
    void parsesLiterals(String text, String expectedHex) {
        assertThat(hex(IpLiterals.parse(text))).isEqualTo(expectedHex.replace(" ", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.4 ",
            " 1.2.3.4", "-1.2.3.4", "1.2.3.a", "a.b.c.d", "localhost", "example.com", ":", ":::", "1:::2", "::1::",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "1:2:3:4:5:6:7::8", ":1", "1:", "::1%eth0", "[::1]",
            "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "::256.1.1.1", "g::1", "1.2.3.4::", "::ffff:1.2.3.4:80"})
    void rejectsNonLiterals(String text) {
        assertThat(IpLiterals.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"1.2.3.4,1.2.3.4,0", "1.2.3.4:80,1.2.3.4,80", "::1,::1,0", "[::1],::1,0", "[2001:db8::1]:65535,2001:db8::1,65535"})
    void endpoints(String text, String address, int port) {
        IpLiterals.Endpoint e = IpLiterals.parseEndpoint(text);
        assertThat(e.address()).isEqualTo(IpLiterals.parse(address));
        assertThat(e.port()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3.4:", "1.2.3.4:0", "1.2.3.4:65536", "1.2.3.4:123456", "1.2.3.4:8a", "[::1]:",
            "[::1", "[1.2.3.4]", "[::1]80", "host:80", "unknown", "[::1]:0"})
    void badEndpoints(String text) {
        assertThat(IpLiterals.parseEndpoint(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:0:0:0:0:0:1,2001:db8::1", "2001:0db8:0:0:1:0:0:1,2001:db8::1:0:0:1",
            "1:0:0:2:0:0:0:3,1:0:0:2::3", "2001:db8:0:1:1:1:1:1,2001:db8:0:1:1:1:1:1", "0:0:0:0:0:0:0:0,::",
            "::ffff:10.0.0.1,::ffff:10.0.0.1", "1:2:3:4:5:6:7:0,1:2:3:4:5:6:7:0", "0:0:1:0:0:0:0:0,0:0:1::",
            "010.0.0.1,", "10.0.0.1,10.0.0.1"})
    void formatsRfc5952(String in, String expected) {
        byte[] a = IpLiterals.parse(in);
        if (expected == null) {
            assertThat(a).isNull();
        } else {
            assertThat(IpLiterals.format(a)).isEqualTo(expected);
        }
    }

    @Property(tries = 3000)
    void formatThenParseRoundTrips(@ForAll @Size(16) byte[] a) {
        assertThat(IpLiterals.parse(IpLiterals.format(a))).isEqualTo(a);
    }

    @Property(tries = 3000)
    void sparseV6RoundTripsAndAgreesWithTheJdk(@ForAll @Size(8) short[] groups, @ForAll @Size(8) boolean[] zero)
            throws UnknownHostException {
        byte[] a = new byte[16];
        for (int g = 0; g < 8; g++) {
            short v = zero[g] ? 0 : groups[g];
            a[2 * g] = (byte) (v >> 8);
            a[2 * g + 1] = (byte) v;
        }
        String text = IpLiterals.format(a);
        assertThat(IpLiterals.parse(text)).isEqualTo(a);
        // The JDK's own long form (never a lookup for a literal) must parse to the same bytes.
        String jdk = InetAddress.getByAddress(a).getHostAddress();
        assertThat(IpLiterals.parse(jdk)).isEqualTo(InetAddress.getByAddress(a).getAddress());
    }

    @Property
    void v4RoundTrips(@ForAll @Size(4) byte[] a) throws UnknownHostException {
        String text = IpLiterals.format(a);
        assertThat(text).isEqualTo(InetAddress.getByAddress(a).getHostAddress());
        assertThat(IpLiterals.parse(text)).isEqualTo(a);
    }

    @Property
    void arbitraryTextNeverThrows(@ForAll String s) {
        IpLiterals.parse(s);
        IpLiterals.parseEndpoint(s);
    }

    @Test
    void formatRejectsOtherLengths() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IpLiterals.format(new byte[5]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
