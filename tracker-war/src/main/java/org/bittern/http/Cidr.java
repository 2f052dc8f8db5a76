package org.bittern.http;

import java.net.InetAddress;
import java.util.Arrays;
import org.bittern.bittorrent.AddressFamily;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8}, {@code ::1/128} or {@code fd00::/8}, for the
 * trusted-proxy list ({@code tracker.http.trusted-proxies}). A bare address means that one host.
 * Host bits below the prefix are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}), as Go's
 * {@code net.ParseCIDR} does. IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) is IPv4 everywhere here, both in
 * networks and in addresses tested, because that is how a dual-stack socket reports an IPv4 peer.
 * Immutable and thread-safe.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
        mask(network, prefix);
    }

    /**
     * @throws IllegalArgumentException naming {@code text} when it is not {@code address[/prefix]} with an
     *                                  address literal (no host names: configuration must not depend on DNS)
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid CIDR: null");
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        byte[] address = IpLiterals.parse(t, 0, slash < 0 ? t.length() : slash);
        if (address == null) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': not an IP address literal");
        }
        int max = address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            prefix = parsePrefix(t, slash + 1);
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("invalid CIDR '" + text + "': prefix must be 0-" + max);
            }
        }
        if (address.length == 16 && AddressFamily.isV4Mapped(address, 0) && prefix >= 96) {
            return new Cidr(Arrays.copyOfRange(address, 12, 16), prefix - 96);
        }
        return new Cidr(address, prefix);
    }

    private static int parsePrefix(String t, int from) {
        int len = t.length() - from;
        if (len < 1 || len > 3) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < t.length(); i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Whether the 4- or 16-byte {@code address} lies in this network (never across families). */
    public boolean contains(byte[] address) {
        int off = 0;
        int len = address.length;
        if (len == 16 && AddressFamily.isV4Mapped(address, 0)) {
            off = 12;
            len = 4;
        }
        if (len != network.length) {
            return false;
        }
        int full = prefix >>> 3;
        for (int i = 0; i < full; i++) {
            if (address[off + i] != network[i]) {
                return false;
            }
        }
        int rest = prefix & 7;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (address[off + full] & m) == (network[full] & 0xff);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    private static void mask(byte[] a, int prefix) {
        for (int bit = prefix; bit < a.length * 8; bit++) {
            a[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && prefix == c.prefix && Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefix;
    }
}
