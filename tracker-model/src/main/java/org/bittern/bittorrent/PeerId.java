package org.bittern.bittorrent;

import java.util.Arrays;
import java.util.HexFormat;

/** A client's 20-byte peer_id (BEP 3). Immutable; equality by value. */
public final class PeerId {
    /** BEP 3: peer_id is a string of length 20. */
    public static final int LENGTH = 20;

    private final byte[] bytes;
    private final int hash;

    private PeerId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static PeerId of(byte[] src, int offset) {
        if (offset < 0 || src.length - offset < LENGTH) {
            throw new IllegalArgumentException("peer_id needs " + LENGTH + " bytes");
        }
        return new PeerId(Arrays.copyOfRange(src, offset, offset + LENGTH));
    }

    public static PeerId of(byte[] src) {
        if (src.length != LENGTH) {
            throw new IllegalArgumentException("peer_id must be " + LENGTH + " bytes, got " + src.length);
        }
        return new PeerId(src.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PeerId other && hash == other.hash && Arrays.equals(bytes, other.bytes));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
