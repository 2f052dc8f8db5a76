package org.bittern.bittorrent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One peer of a swarm: (peer_id, address, port). Immutable; equality by value.
 * The address is kept as its raw 4 or 16 bytes; an IPv4-mapped IPv6 address is stored as IPv4.
 */
public final class Peer {
    private final PeerId id;
    private final byte[] address;
    private final int port;

    private Peer(PeerId id, byte[] address, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.id = id;
        this.address = address;
        this.port = port;
    }

    public static Peer of(PeerId id, InetAddress address, int port) {
        return new Peer(id, normalize(address.getAddress()), port);
    }

    public static Peer of(PeerId id, byte[] address, int port) {
        AddressFamily.ofAddressLength(address.length);
        return new Peer(id, normalize(address.clone()), port);
    }

    /** ::ffff:a.b.c.d is an IPv4 client reached over a dual-stack socket: it belongs to the IPv4 swarm. */
    private static byte[] normalize(byte[] raw) {
        if (raw.length == 16 && AddressFamily.isV4Mapped(raw, 0)) {
            return Arrays.copyOfRange(raw, 12, 16);
        }
        return raw;
    }

    public PeerId id() {
        return id;
    }

    public int port() {
        return port;
    }

    public AddressFamily family() {
        return AddressFamily.ofAddressLength(address.length);
    }

    public byte[] address() {
        return address.clone();
    }

    public void copyAddressTo(byte[] dst, int offset) {
        System.arraycopy(address, 0, dst, offset, address.length);
    }

    public InetAddress inetAddress() {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // unreachable: the length was checked
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Peer p && port == p.port && id.equals(p.id) && Arrays.equals(address, p.address));
    }

    @Override
    public int hashCode() {
        return (id.hashCode() * 31 + Arrays.hashCode(address)) * 31 + port;
    }

    @Override
    public String toString() {
        return inetAddress().getHostAddress() + ":" + port + "/" + id;
    }
}
