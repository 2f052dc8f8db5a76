package org.bittern.middleware.clientapproval;

import org.bittern.bittorrent.PeerId;

/**
 * The 6 bytes of a peer_id that name the client software: the 6 characters after a leading {@code -} of an
 * Azureus-style peer_id ({@code -qB4650-…} is {@code qB4650}, BEP 20), else the first 6 bytes (Shadow style,
 * {@code M7-2-2--…} is {@code M7-2-2}). Held as the low 48 bits of a long, so a lookup per announce allocates
 * nothing.
 *
 * <p>Written in configuration as printable ASCII with {@code %XX} (two hex digits) for any other byte and for
 * {@code %} itself, so a client whose id is binary can still be listed; {@link #toString()} writes that form.
 */
public record ClientId(long bits) {

    public static final int LENGTH = 6;
    private static final long MASK = (1L << (8 * LENGTH)) - 1;

    public ClientId {
        if ((bits & ~MASK) != 0) {
            throw new IllegalArgumentException("a client id has " + LENGTH + " bytes");
        }
    }

    public static ClientId of(PeerId peerId) {
        return new ClientId(bitsOf(peerId));
    }

    /** {@link #of}{@code .bits()} without the object: this runs for every announce. */
    static long bitsOf(PeerId peerId) {
        int from = peerId.byteAt(0) == '-' ? 1 : 0;
        long bits = 0;
        for (int i = from; i < from + LENGTH; i++) {
            bits = (bits << 8) | (peerId.byteAt(i) & 0xff);
        }
        return bits;
    }

    /**
     * Reads the configuration form.
     *
     * @throws IllegalArgumentException with the reason (for a {@link org.bittern.config.ConfigException})
     */
    public static ClientId parse(String text) {
        long bits = 0;
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int b;
            if (c == '%') {
                int hi = i + 2 < text.length() ? hexDigit(text.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? hexDigit(text.charAt(i + 2)) : -1;
                if (lo < 0) {
                    throw new IllegalArgumentException("'%' must be followed by two hex digits (%25 for '%' itself)");
                }
                b = hi << 4 | lo;
                i += 2;
            } else if (c >= 0x20 && c < 0x7f) {
                b = c;
            } else {
                throw new IllegalArgumentException("only printable ASCII, any other byte as %XX");
            }
            bits = (bits << 8) | b;
            count++;
        }
        if (count != LENGTH) {
            throw new IllegalArgumentException("must be " + LENGTH + " bytes (the 6 characters after the '-' of "
                    + "-qB4650-, or a peer_id's first 6), got " + count);
        }
        return new ClientId(bits);
    }

    /** ASCII only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * The configuration form: printable ASCII as it is; {@code %}, space (which configuration trims at the ends)
     * and every other byte as {@code %XX}. {@code parse(id.toString())} equals {@code id}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int shift = 8 * (LENGTH - 1); shift >= 0; shift -= 8) {
            int b = (int) (bits >>> shift) & 0xff;
            if (b > 0x20 && b < 0x7f && b != '%') {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
