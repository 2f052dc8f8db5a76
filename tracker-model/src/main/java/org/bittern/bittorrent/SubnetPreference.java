package org.bittern.bittorrent;

import java.util.Arrays;

/**
 * The announcer's own subnet first (design §6, Facebook style): prefix lengths per address family, carried on an
 * {@link AnnounceRequest} to the peer store, which samples peers of the announcer's IPv4 /{@code ipv4Prefix} or
 * IPv6 /{@code ipv6Prefix} before the rest. A length of 0 switches the preference off for that family.
 *
 * <p>Also the one place subnets are computed, so both stores and the middleware agree on what "the same subnet"
 * is: two addresses of one family share a subnet when their first {@code prefix} bits are equal.
 */
public record SubnetPreference(int ipv4Prefix, int ipv6Prefix) {

    /** No preference: the plain sample. */
    public static final SubnetPreference NONE = new SubnetPreference(0, 0);

    public SubnetPreference {
        if (ipv4Prefix < 0 || ipv4Prefix > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 0 to 32: " + ipv4Prefix);
        }
        if (ipv6Prefix < 0 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 0 to 128: " + ipv6Prefix);
        }
    }

    /** The prefix length for peers of {@code family}; 0 when this family has no preference. */
    public int prefixLength(AddressFamily family) {
        return family == AddressFamily.IPV4 ? ipv4Prefix : ipv6Prefix;
    }

    public boolean isNone() {
        return ipv4Prefix == 0 && ipv6Prefix == 0;
    }

    /**
     * The subnet of {@code address} as its first {@code ceil(prefix / 8)} bytes with the bits beyond the prefix
     * cleared: equal for exactly the addresses of one subnet, and short enough to name a Redis key.
     */
    public static byte[] subnetBytes(byte[] address, int prefix) {
        return subnetBytes(address, 0, address.length, prefix);
    }

    /** {@link #subnetBytes(byte[], int)} of the {@code length} address bytes at {@code offset}. */
    public static byte[] subnetBytes(byte[] a, int offset, int length, int prefix) {
        checkPrefix(length, prefix);
        int whole = prefix >>> 3;
        int bits = prefix & 7;
        byte[] subnet = Arrays.copyOfRange(a, offset, offset + whole + (bits == 0 ? 0 : 1));
        if (bits != 0) {
            subnet[whole] &= (byte) (0xff << (8 - bits));
        }
        return subnet;
    }

    /**
     * Whether the {@code length}-byte addresses at {@code a[aOffset]} and {@code b[bOffset]} share their first
     * {@code prefix} bits. Allocates nothing: the memory store asks it for every peer it walks past.
     */
    public static boolean sameSubnet(byte[] a, int aOffset, byte[] b, int bOffset, int length, int prefix) {
        checkPrefix(length, prefix);
        int whole = prefix >>> 3;
        if (!Arrays.equals(a, aOffset, aOffset + whole, b, bOffset, bOffset + whole)) {
            return false;
        }
        int bits = prefix & 7;
        if (bits == 0) {
            return true;
        }
        int mask = 0xff << (8 - bits);
        return ((a[aOffset + whole] ^ b[bOffset + whole]) & mask) == 0;
    }

    private static void checkPrefix(int length, int prefix) {
        if (prefix < 0 || prefix > 8 * length) {
            throw new IllegalArgumentException("prefix length " + prefix + " for a " + length + "-byte address");
        }
    }

    @Override
    public String toString() {
        return isNone() ? "no subnet preference" : "subnet preference: IPv4 " + (ipv4Prefix == 0 ? "off" : "/" + ipv4Prefix)
                + ", IPv6 " + (ipv6Prefix == 0 ? "off" : "/" + ipv6Prefix);
    }
}
