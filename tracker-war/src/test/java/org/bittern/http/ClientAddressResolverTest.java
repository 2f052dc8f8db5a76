package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressResolverTest {
    private static final ClientAddressResolver RESOLVER =
            new ClientAddressResolver(List.of("10.0.0.0/8", "::1/128", "fd00::/8", "192.0.2.10"));

    private static InetAddress ip(String s) {
        return AnnounceQueryParserTest.ip(s);
    }

    @Test
    void untrustedSocketIgnoresForwardedFor() {
        InetAddress socket = ip("203.0.113.5");
        assertThat(RESOLVER.resolve(socket, "198.51.100.1")).isSameAs(socket);
    }

    @Test
    void emptyListTrustsNobody() {
        ClientAddressResolver none = new ClientAddressResolver(List.of());
        InetAddress socket = ip("10.0.0.1");
        assertThat(none.resolve(socket, "198.51.100.1")).isSameAs(socket);
    }

    @Test
    void trustedProxyWithoutHeaderIsTheClient() {
        InetAddress socket = ip("10.0.0.1");
        assertThat(RESOLVER.resolve(socket, null)).isSameAs(socket);
        assertThat(RESOLVER.resolve(socket, "")).isSameAs(socket);
        assertThat(RESOLVER.resolve(socket, "  ")).isSameAs(socket);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // header (leftmost written by the client, rightmost by our last proxy) | expected client
            "198.51.100.1|198.51.100.1",
            "198.51.100.1, 10.0.0.2|198.51.100.1",                       // chain of trusted proxies
            "198.51.100.1,10.0.0.3 ,  10.0.0.2|198.51.100.1",
            "6.6.6.6, 198.51.100.1|198.51.100.1",                        // spoofed leftmost entry ignored
            "10.9.9.9, 6.6.6.6, 198.51.100.1, 10.0.0.2|198.51.100.1",    // forged 'trusted' entry left of the client
            "198.51.100.1:4711|198.51.100.1",                            // proxy that appends the port
            "2001:db8::5|2001:db8::5",
            "[2001:db8::5]:4711, fd00::1|2001:db8::5",
            "198.51.100.1, ::1|198.51.100.1",
            "::ffff:198.51.100.1|198.51.100.1",
            "10.0.0.7, 10.0.0.2|10.0.0.7",                               // only trusted hops: the leftmost
            "192.0.2.11, 192.0.2.10|192.0.2.11",
    })
    void trustedChains(String header, String expected) {
        assertThat(RESOLVER.resolve(ip("10.0.0.1"), header)).isEqualTo(ip(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // malformed entries stop the walk: the last trusted hop is used, never anything left of it
            "unknown|10.0.0.1",
            "198.51.100.1, unknown|10.0.0.1",
            "198.51.100.1, client.example.com, 10.0.0.2|10.0.0.2",
            "198.51.100.1,,10.0.0.2|10.0.0.2",
            "198.51.100.1, 10.0.0.2,|10.0.0.1",
            "1.2.3.4.5|10.0.0.1",
            "198.51.100.1 10.0.0.2|10.0.0.1",
            "_hidden, 10.0.0.3|10.0.0.3",
            "[::1|10.0.0.1",
            "198.51.100.1:0|10.0.0.1",
    })
    void malformedEntries(String header, String expected) {
        assertThat(RESOLVER.resolve(ip("10.0.0.1"), header)).isEqualTo(ip(expected));
    }

    @Test
    void ipv6Proxy() {
        assertThat(RESOLVER.resolve(ip("::1"), "2001:db8::9")).isEqualTo(ip("2001:db8::9"));
        assertThat(RESOLVER.resolve(ip("fd00::8"), "198.51.100.1, fd00::9")).isEqualTo(ip("198.51.100.1"));
        InetAddress untrusted6 = ip("2001:db8::1");
        assertThat(RESOLVER.resolve(untrusted6, "198.51.100.1")).isSameAs(untrusted6);
    }

    @Test
    void ipv4MappedSocketCountsAsIpv4() throws UnknownHostException {
        InetAddress mapped = Inet6Address.getByAddress(null, IpLiterals.parse("::ffff:10.0.0.1"), -1);
        assertThat(mapped.getAddress()).hasSize(16);
        assertThat(RESOLVER.resolve(mapped, "198.51.100.1")).isEqualTo(ip("198.51.100.1"));
        InetAddress mappedUntrusted = Inet6Address.getByAddress(null, IpLiterals.parse("::ffff:203.0.113.1"), -1);
        assertThat(RESOLVER.resolve(mappedUntrusted, "198.51.100.1")).isSameAs(mappedUntrusted);
    }

    @Test
    void invalidCidrFailsConstructionNamingIt() {
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("10.0.0.0/8", "10.0.0.0/40")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/40");
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.internal");
    }

    @Property(tries = 2000)
    void anyHeaderNeverThrowsAndNeverReturnsNull(@ForAll String header) {
        assertThat(RESOLVER.resolve(ip("10.0.0.1"), header)).isNotNull();
    }
}
