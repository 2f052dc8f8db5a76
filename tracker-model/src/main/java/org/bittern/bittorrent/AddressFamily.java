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

    public static AddressFamily ofAddressLength(int length) {
        return switch (length) {
            case 4 -> IPV4;
            case 16 -> IPV6;
            default -> throw new IllegalArgumentException("not an IP address length: " + length);
        };
    }
}
