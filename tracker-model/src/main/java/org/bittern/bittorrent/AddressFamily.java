package org.bittern.bittorrent;

/** Swarms are kept per address family: an IPv4 peer is only handed to peers that can reach IPv4. */
public enum AddressFamily {
    IPV4(4, "ipv4"),
    IPV6(16, "ipv6");

    private final int addressLength;
    private final String label;

    AddressFamily(int addressLength, String label) {
        this.addressLength = addressLength;
        this.label = label;
    }

    /** Bytes of one address: 4 or 16. */
    public int addressLength() {
        return addressLength;
    }

    /** Bytes of one compact peer entry (BEP 23 / BEP 7): address then big-endian port. */
    public int compactEntryLength() {
        return addressLength + 2;
    }

    /** Lower-case name, used as a static metric label. */
    public String label() {
        return label;
    }

    /**
     * The family a raw address belongs to. An IPv4-mapped IPv6 address (::ffff:a.b.c.d, RFC 4291 §2.5.5.2)
     * is an IPv4 client seen through a dual-stack socket, so it is IPv4.
     */
    public static AddressFamily of(byte[] address) {
        return address.length == 16 && isV4Mapped(address, 0) ? IPV4 : ofAddressLength(address.length);
    }

    /** Whether the 16 bytes at {@code offset} are an IPv4-mapped IPv6 address (::ffff:0:0/96). */
    public static boolean isV4Mapped(byte[] address, int offset) {
        for (int i = 0; i < 10; i++) {
            if (address[offset + i] != 0) {
                return false;
            }
        }
        return address[offset + 10] == (byte) 0xff && address[offset + 11] == (byte) 0xff;
    }

    public static AddressFamily ofAddressLength(int length) {
        return switch (length) {
            case 4 -> IPV4;
            case 16 -> IPV6;
            default -> throw new IllegalArgumentException("not an IP address length: " + length);
        };
    }
}
