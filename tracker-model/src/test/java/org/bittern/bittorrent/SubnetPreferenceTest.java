package org.bittern.bittorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubnetPreferenceTest {

    @ParameterizedTest
    @CsvSource({
            "10.1.2.3,      10.1.2.250,   24, true",
            "10.1.2.3,      10.1.3.3,     24, false",
            "10.1.4.1,      10.1.7.255,   22, true",
            "10.1.4.1,      10.1.8.0,     22, false",
            "10.1.4.1,      10.1.3.255,   22, false",
            "192.168.0.1,   192.168.0.1,  32, true",
            "192.168.0.1,   192.168.0.2,  32, false",
            "192.168.0.1,   200.0.0.1,    1,  true",
            "192.168.0.1,   127.0.0.1,    1,  false",
            "2001:db8:0:5::1,   2001:db8:0:5:ffff::9, 64, true",
            "2001:db8:0:5::1,   2001:db8:0:6::1,      64, false",
            "2001:db8:0:3::1,   2001:db8:0:4::1,      62, false",
            "2001:db8:0:4::1,   2001:db8:0:7::1,      62, true",
            "2001:db8:aa00::1,  2001:db8:aaff::1,     40, true",
            "2001:db8:aa00::1,  2001:db8:ab00::1,     40, false",
            "2001:db8::1,       2001:db8::1,          128, true",
            "2001:db8::1,       2001:db8::2,          127, false",
            "2001:db8::2,       2001:db8::3,          127, true",
    })
    void addressesShareASubnetWhenTheirFirstPrefixBitsAgree(String a, String b, int prefix, boolean same)
            throws Exception {
        byte[] x = InetAddress.getByName(a).getAddress();
        byte[] y = InetAddress.getByName(b).getAddress();

        assertThat(SubnetPreference.sameSubnet(x, 0, y, 0, x.length, prefix)).isEqualTo(same);
        assertThat(SubnetPreference.subnetBytes(x, prefix)).as("subnet bytes name the same grouping")
                .matches(bytes -> java.util.Arrays.equals(bytes, SubnetPreference.subnetBytes(y, prefix)) == same);
    }

    @Test
    void subnetBytesAreTheMaskedPrefixBytes() throws Exception {
        assertThat(SubnetPreference.subnetBytes(InetAddress.getByName("10.1.2.3").getAddress(), 24))
                .containsExactly(10, 1, 2);
        assertThat(SubnetPreference.subnetBytes(InetAddress.getByName("10.1.7.3").getAddress(), 22))
                .containsExactly(10, 1, 4);
        assertThat(SubnetPreference.subnetBytes(InetAddress.getByName("2001:db8:0:5::1").getAddress(), 64))
                .containsExactly(0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 5);
        assertThat(SubnetPreference.subnetBytes(InetAddress.getByName("2001:db8:0:5::1").getAddress(), 0)).isEmpty();
    }

    @Test
    void offsetsReadAddressesInsideLargerRecords() {
        byte[] record = {9, 9, 10, 0, 3, 7, 9};
        byte[] other = {10, 0, 3, (byte) 200};

        assertThat(SubnetPreference.sameSubnet(record, 2, other, 0, 4, 24)).isTrue();
        assertThat(SubnetPreference.subnetBytes(record, 2, 4, 24)).containsExactly(10, 0, 3);
    }

    @Test
    void prefixLengthsAreCheckedPerFamily() {
        SubnetPreference p = new SubnetPreference(24, 64);

        assertThat(p.prefixLength(AddressFamily.IPV4)).isEqualTo(24);
        assertThat(p.prefixLength(AddressFamily.IPV6)).isEqualTo(64);
        assertThat(SubnetPreference.NONE.isNone()).isTrue();
        assertThat(new SubnetPreference(0, 48).isNone()).isFalse();
        assertThatThrownBy(() -> new SubnetPreference(33, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubnetPreference(24, 129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubnetPreference.sameSubnet(new byte[4], 0, new byte[4], 0, 4, 33))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestsCarryNoPreferenceUntilMiddlewareAddsOne() {
        Peer peer = Peer.of(PeerId.of(new byte[20]), new byte[] {10, 0, 0, 1}, 6881);
        AnnounceRequest plain = new AnnounceRequest(InfoHash.of(new byte[20]), peer, Event.NONE, 0, 0, 1, 50, false,
                null);

        AnnounceRequest preferring = plain.withSubnetPreference(new SubnetPreference(24, 64));

        assertThat(plain.subnetPreference()).isSameAs(SubnetPreference.NONE);
        assertThat(preferring.subnetPreference()).isEqualTo(new SubnetPreference(24, 64));
        assertThat(preferring.withSubnetPreference(null).subnetPreference()).isSameAs(SubnetPreference.NONE);
        assertThat(preferring.peer()).isEqualTo(plain.peer());
        assertThat(preferring.numWant()).isEqualTo(plain.numWant());
    }
}
