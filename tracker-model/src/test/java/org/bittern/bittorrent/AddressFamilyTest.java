package org.bittern.bittorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressFamilyTest {

    @Test
    void ipv4MappedIpv6IsIpv4() throws Exception {
        assertThat(AddressFamily.of(InetAddress.getByName("::ffff:192.0.2.1").getAddress())).isEqualTo(AddressFamily.IPV4);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        assertThat(AddressFamily.of(mapped)).isEqualTo(AddressFamily.IPV4);
        assertThat(Peer.of(PeerId.of(new byte[20]), mapped, 1).family()).isEqualTo(AddressFamily.IPV4);
    }

    @Test
    void otherAddressesKeepTheirFamily() throws Exception {
        assertThat(AddressFamily.of(InetAddress.getByName("192.0.2.1").getAddress())).isEqualTo(AddressFamily.IPV4);
        assertThat(AddressFamily.of(InetAddress.getByName("::1").getAddress())).isEqualTo(AddressFamily.IPV6);
        byte[] almostMapped = new byte[16];
        almostMapped[10] = (byte) 0xff; // ::ff00:0:0 is not the mapped prefix
        assertThat(AddressFamily.of(almostMapped)).isEqualTo(AddressFamily.IPV6);
        assertThat(AddressFamily.isV4Mapped(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4}, 2))
                .isTrue();
    }

    @Test
    void otherLengthsAreNotAddresses() {
        assertThatThrownBy(() -> AddressFamily.of(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }
}
