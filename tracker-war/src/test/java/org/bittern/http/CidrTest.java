package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8,10.255.1.2,true", "10.0.0.0/8,11.0.0.0,false", "10.0.0.0/8,9.255.255.255,false",
            "192.168.1.0/24,192.168.1.255,true", "192.168.1.0/24,192.168.2.0,false",
            "172.16.0.0/12,172.31.255.255,true", "172.16.0.0/12,172.32.0.0,false", "172.16.0.0/12,172.15.0.1,false",
            "0.0.0.0/0,203.0.113.9,true", "0.0.0.0/0,::1,false", "127.0.0.1,127.0.0.1,true", "127.0.0.1,127.0.0.2,false",
            "10.1.2.3/8,10.9.9.9,true",
            "::1/128,::1,true", "::1/128,::2,false", "fd00::/8,fd12:3456::1,true", "fd00::/8,fe00::1,false",
            "fd00::/8,10.0.0.1,false", "::/0,2001:db8::1,true", "::/0,10.0.0.1,false",
            "2001:db8::/33,2001:db8:7fff::1,true", "2001:db8::/33,2001:db8:8000::1,false",
            "10.0.0.0/8,::ffff:10.1.1.1,true", "::ffff:10.0.0.0/104,10.2.3.4,true", "::ffff:10.0.0.0/104,11.0.0.1,false",
            "10.0.0.0/8,::10.1.1.1,false"})
    void contains(String cidr, String address, boolean expected) {
        assertThat(Cidr.parse(cidr).contains(IpLiterals.parse(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0/8",
            "proxy.example.com/32", "localhost", "10.0.0.0/a", "10.0.0.0/0008", "/8"})
    void invalidCidrNamesTheEntry(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3/8,10.0.0.0/8", " 192.168.0.0/16 ,192.168.0.0/16", "fd12::1/8,fd00::/8", "::1,::1/128",
            "::ffff:10.0.0.0/104,10.0.0.0/8"})
    void normalisedForm(String text, String expected) {
        assertThat(Cidr.parse(text)).hasToString(expected).isEqualTo(Cidr.parse(expected));
    }
}
