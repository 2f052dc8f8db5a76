package org.bittern.bittorrent;

import java.util.Arrays;

/**
 * Peers of one address family, packed as fixed-width entries {@code peer_id(20) ‖ address(4|16) ‖ port(2)}.
 * The tail of each entry is exactly the compact form of BEP 23 / BEP 7 / BEP 15, so frontends copy slices
 * instead of building one object per peer. Filled once by a store, then read-only.
 */
public final class PeerList {
    private final AddressFamily family;
    private final int entryLength;
    private byte[] data;
    private int size;

    public PeerList(AddressFamily family, int capacity) {
        this.family = family;
        this.entryLength = PeerId.LENGTH + family.compactEntryLength();
        this.data = new byte[Math.max(0, capacity) * entryLength];
    }

    public static PeerList empty(AddressFamily family) {
        return new PeerList(family, 0);
    }

    public AddressFamily family() {
        return family;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Appends one entry read from {@code src} at {@code offset}, in this list's entry layout. */
    public void addEntry(byte[] src, int offset) {
        ensureRoom();
        System.arraycopy(src, offset, data, size * entryLength, entryLength);
        size++;
    }

    /** Appends one peer, which must be of this list's family. */
    public void add(Peer peer) {
        if (peer.family() != family) {
            throw new IllegalArgumentException("peer of family " + peer.family() + " in a " + family + " list");
        }
        ensureRoom();
        int at = size * entryLength;
        peer.id().copyTo(data, at);
        peer.copyAddressTo(data, at + PeerId.LENGTH);
        int portAt = at + PeerId.LENGTH + family.addressLength();
        data[portAt] = (byte) (peer.port() >>> 8);
        data[portAt + 1] = (byte) peer.port();
        size++;
    }

    private void ensureRoom() {
        if ((size + 1) * entryLength > data.length) {
            data = Arrays.copyOf(data, Math.max(entryLength * 4, data.length * 2));
        }
    }

    /** Copies the compact form (address ‖ port) of entry {@code index} to {@code dst}; returns bytes written. */
    public int copyCompact(int index, byte[] dst, int offset) {
        int len = family.compactEntryLength();
        System.arraycopy(data, index * entryLength + PeerId.LENGTH, dst, offset, len);
        return len;
    }

    /** Copies the 20-byte peer_id of entry {@code index} to {@code dst}. */
    public void copyPeerId(int index, byte[] dst, int offset) {
        System.arraycopy(data, index * entryLength, dst, offset, PeerId.LENGTH);
    }

    public int port(int index) {
        int at = index * entryLength + PeerId.LENGTH + family.addressLength();
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
    }

    /** Decodes entry {@code index}; allocates, so meant for tests and dictionary-model responses. */
    public Peer get(int index) {
        int at = index * entryLength;
        PeerId id = PeerId.of(data, at);
        byte[] address = Arrays.copyOfRange(data, at + PeerId.LENGTH, at + PeerId.LENGTH + family.addressLength());
        return Peer.of(id, address, port(index));
    }
}
