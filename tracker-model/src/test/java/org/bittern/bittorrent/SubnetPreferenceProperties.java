package org.bittern.bittorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Subnets against a reference: an address as a number, compared after shifting away the host bits. */
class SubnetPreferenceProperties {

    record Case(byte[] a, byte[] b, int prefix) {
    }

    @Provide
    Arbitrary<Case> pairs() {
        return Arbitraries.of(4, 16).flatMap(length -> {
            Arbitrary<byte[]> address = Arbitraries.bytes().array(byte[].class).ofSize(length);
            Arbitrary<Integer> prefix = Arbitraries.integers().between(0, 8 * length);
            // Half the pairs share a random-length prefix, so "same subnet" is common enough to test.
            Arbitrary<Integer> shared = Arbitraries.integers().between(0, 8 * length);
            return Combinators.combine(address, address, prefix, shared).as((a, b, p, s) -> {
                byte[] c = b.clone();
                for (int bit = 0; bit < s; bit++) {
                    int mask = 0x80 >>> (bit & 7);
                    c[bit >>> 3] = (byte) ((c[bit >>> 3] & ~mask) | (a[bit >>> 3] & mask));
                }
                return new Case(a, c, p);
            });
        });
    }

    @Property(tries = 3000)
    void sameSubnetIsEqualityOfTheTopPrefixBits(@ForAll("pairs") Case c) {
        int width = 8 * c.a().length;
        BigInteger x = new BigInteger(1, c.a()).shiftRight(width - c.prefix());
        BigInteger y = new BigInteger(1, c.b()).shiftRight(width - c.prefix());

        boolean same = SubnetPreference.sameSubnet(c.a(), 0, c.b(), 0, c.a().length, c.prefix());

        assertThat(same).isEqualTo(x.equals(y));
        assertThat(Arrays.equals(SubnetPreference.subnetBytes(c.a(), c.prefix()),
                SubnetPreference.subnetBytes(c.b(), c.prefix()))).isEqualTo(same);
    }

    @Property(tries = 1000)
    void anAddressIsInItsOwnSubnetAndItsSubnetBytesAreAPrefixOfIt(@ForAll("pairs") Case c) {
        byte[] subnet = SubnetPreference.subnetBytes(c.a(), c.prefix());

        assertThat(SubnetPreference.sameSubnet(c.a(), 0, c.a(), 0, c.a().length, c.prefix())).isTrue();
        assertThat(subnet).hasSize((c.prefix() + 7) / 8);
        byte[] padded = Arrays.copyOf(subnet, c.a().length);
        assertThat(SubnetPreference.sameSubnet(padded, 0, c.a(), 0, c.a().length, c.prefix()))
                .as("the masked bytes are in the subnet they name").isTrue();
    }

    @Property(tries = 1000)
    void aLongerPrefixNeverJoinsWhatAShorterOneSeparates(@ForAll("pairs") Case c) {
        Assume.that(c.prefix() < 8 * c.a().length);
        boolean shorter = SubnetPreference.sameSubnet(c.a(), 0, c.b(), 0, c.a().length, c.prefix());
        boolean longer = SubnetPreference.sameSubnet(c.a(), 0, c.b(), 0, c.a().length, c.prefix() + 1);

        assertThat(!longer || shorter).isTrue();
    }
}
