package org.bittern.bittorrent;

import java.util.Arrays;
import java.util.HexFormat;

/** A torrent's 20-byte v1 info_hash (BEP 3). Immutable; equality by value. */
public final class InfoHash implements Comparable<InfoHash> {
    /** BEP 3: info_hash is the 20-byte SHA-1 of the bencoded info dictionary. */
    public static final int LENGTH = 20;

    private final byte[] bytes;
    private final int hash;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Copies {@code LENGTH} bytes from {@code src} at {@code offset}. */
    public static InfoHash of(byte[] src, int offset) {
        if (offset < 0 || src.length - offset < LENGTH) {
            throw new IllegalArgumentException("info_hash needs " + LENGTH + " bytes");
        }
        return new InfoHash(Arrays.copyOfRange(src, offset, offset + LENGTH));
    }

    public static InfoHash of(byte[] src) {
        if (src.length != LENGTH) {
            throw new IllegalArgumentException("info_hash must be " + LENGTH + " bytes, got " + src.length);
        }
        return new InfoHash(src.clone());
    }

    /** Parses 40 hex digits (either case). */
    public static InfoHash fromHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("info_hash must be " + 2 * LENGTH + " hex digits");
        }
        return new InfoHash(HexFormat.of().parseHex(hex));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Copies the 20 bytes into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof InfoHash other && hash == other.hash && Arrays.equals(bytes, other.bytes));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(InfoHash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
