package org.bittern.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * Finds the address a tracker should record for an HTTP client, which matters because the peer's
 * address is what the swarm is told to connect to (BEP 3).
 * <p>
 * Without trusted proxies ({@code tracker.http.trusted-proxies} empty, the default) it is always the
 * socket's address: any client can write {@code X-Forwarded-For}, so believing it would let anyone
 * announce someone else's address. When the socket peer is a trusted proxy, the header is read from
 * the <em>right</em>: each proxy appends the address it received the request from, so the rightmost
 * entries were written by our own proxies, while everything left of the first untrusted entry was
 * written by the client and may be forged. Walking right to left, entries that are trusted proxies are
 * skipped and the first untrusted one is the client. (Chihaya can only take the header wholesale or
 * not at all, issue #607; this is nginx's {@code real_ip_recursive on} rule.)
 * <p>
 * Malformed entries (host names, {@code unknown}, garbage, empty) stop the walk and the last trusted
 * hop's address is used: a broken header must neither fail the announce nor make us trust something
 * further left. Entries may carry a port ({@code a.b.c.d:p}, {@code [v6]:p}) as some proxies write it.
 * Nothing here performs a DNS lookup. Immutable and thread-safe.
 */
public final class ClientAddressResolver {
    private final Cidr[] trusted;

    /**
     * @param trustedProxyCidrs networks whose {@code X-Forwarded-For} is believed; empty trusts nobody
     * @throws IllegalArgumentException naming the first entry that is not a valid CIDR
     */
    public ClientAddressResolver(List<String> trustedProxyCidrs) {
        Objects.requireNonNull(trustedProxyCidrs, "trustedProxyCidrs");
        trusted = new Cidr[trustedProxyCidrs.size()];
        for (int i = 0; i < trusted.length; i++) {
            trusted[i] = Cidr.parse(trustedProxyCidrs.get(i));
        }
    }

    /** Whether {@code address} (4 or 16 bytes; IPv4-mapped counts as IPv4) is a trusted proxy. */
    public boolean isTrustedProxy(byte[] address) {
        for (Cidr c : trusted) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param socketAddress the TCP peer of this request
     * @param xForwardedFor the {@code X-Forwarded-For} value, or {@code null}; several header lines must be
     *                      joined with {@code ,} in the order received
     * @return the client's address; {@code socketAddress} itself when it is not a trusted proxy
     */
    public InetAddress resolve(InetAddress socketAddress, String xForwardedFor) {
        Objects.requireNonNull(socketAddress, "socketAddress");
        if (trusted.length == 0 || xForwardedFor == null || !isTrustedProxy(socketAddress.getAddress())) {
            return socketAddress;
        }
        InetAddress lastTrusted = socketAddress;
        int end = xForwardedFor.length();
        if (xForwardedFor.isBlank()) {
            return socketAddress;
        }
        while (true) {
            int comma = xForwardedFor.lastIndexOf(',', end - 1);
            int from = comma + 1;
            int to = end;
            while (from < to && isBlank(xForwardedFor.charAt(from))) {
                from++;
            }
            while (to > from && isBlank(xForwardedFor.charAt(to - 1))) {
                to--;
            }
            IpLiterals.Endpoint entry = IpLiterals.parseEndpoint(xForwardedFor, from, to);
            if (entry == null) {
                return lastTrusted;
            }
            InetAddress hop = toInetAddress(entry.address());
            if (!isTrustedProxy(entry.address())) {
                return hop;
            }
            lastTrusted = hop;
            if (comma < 0) {
                return lastTrusted;
            }
            end = comma;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static InetAddress toInetAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw); // raw bytes: never a lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // unreachable: IpLiterals only returns 4 or 16 bytes
        }
    }
}
