package org.bittern.udp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.PeerList;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.bittorrent.SwarmStats;

/**
 * Writes BEP 15 responses into a worker's output buffer (position 0, big-endian), leaving it flipped for sending.
 * Counts are unsigned 32-bit on the wire; larger values are clamped rather than wrapped.
 */
public final class UdpResponseWriter {
    private UdpResponseWriter() {
    }

    public static void connect(ByteBuffer out, int transactionId, long connectionId) {
        out.clear();
        out.putInt(Bep15.ACTION_CONNECT).putInt(transactionId).putLong(connectionId);
        out.flip();
    }

    /** The peers of the requester's family only (BEP 15 has one list; IPv6 clients get 18-byte entries). */
    public static void announce(ByteBuffer out, int transactionId, AnnounceResponse response, AddressFamily family) {
        out.clear();
        out.putInt(Bep15.ACTION_ANNOUNCE).putInt(transactionId)
                .putInt(response.interval())
                .putInt(clamp(response.incomplete()))
                .putInt(clamp(response.complete()));
        PeerList peers = response.peers(family);
        int entry = family.compactEntryLength();
        int count = Math.min(peers.size(), (out.capacity() - Bep15.ANNOUNCE_RESPONSE_HEADER_LENGTH) / entry);
        byte[] raw = out.array();
        int at = out.arrayOffset() + Bep15.ANNOUNCE_RESPONSE_HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            at += peers.copyCompact(i, raw, at);
        }
        out.position(Bep15.ANNOUNCE_RESPONSE_HEADER_LENGTH + count * entry);
        out.flip();
    }

    /** The exact length {@link #announce} writes for {@code response}, for a buffer of its own. */
    public static int announceLength(AnnounceResponse response, AddressFamily family) {
        int entry = family.compactEntryLength();
        int fits = (Bep15.MAX_RESPONSE_LENGTH - Bep15.ANNOUNCE_RESPONSE_HEADER_LENGTH) / entry;
        return Bep15.ANNOUNCE_RESPONSE_HEADER_LENGTH + Math.min(response.peers(family).size(), fits) * entry;
    }

    public static void scrape(ByteBuffer out, int transactionId, ScrapeResponse response) {
        out.clear();
        out.putInt(Bep15.ACTION_SCRAPE).putInt(transactionId);
        for (SwarmStats stats : response.files()) {
            out.putInt(clamp(stats.complete())).putInt(clamp(stats.downloaded())).putInt(clamp(stats.incomplete()));
        }
        out.flip();
    }

    /**
     * {@code message} is one of the fixed texts of {@link UdpErrors} or of a middleware's refusal; a text longer
     * than the buffer holds is cut rather than failing the answer.
     */
    public static void error(ByteBuffer out, int transactionId, String message) {
        out.clear();
        byte[] text = message.getBytes(StandardCharsets.US_ASCII);
        out.putInt(Bep15.ACTION_ERROR).putInt(transactionId).put(text, 0, Math.min(text.length, out.remaining()));
        out.flip();
    }

    private static int clamp(long count) {
        return (int) Math.min(Math.max(count, 0), 0xffffffffL);
    }
}
