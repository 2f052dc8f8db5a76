package org.bittern.http;

import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.PeerList;

/**
 * Encodes an {@link AnnounceResponse} as the bencoded body of an HTTP announce answer (BEP 3).
 * Keys in raw byte order as BEP 3 requires: {@code complete}, {@code incomplete}, {@code interval},
 * {@code min interval}, {@code peers}, {@code peers6}.
 * <ul>
 *   <li>compact (BEP 23): {@code peers} is one string of 6-byte entries (IPv4 address, big-endian port),
 *       always present, empty when there are none; {@code peers6} (BEP 7) is one string of 18-byte
 *       entries, present only when there are IPv6 peers. Entries are copied straight out of the
 *       {@link PeerList} packing, which already holds them in this form.</li>
 *   <li>non-compact (BEP 3): {@code peers} is a list of dictionaries {@code ip} (RFC 5952 text),
 *       {@code peer id} (20 bytes, left out on {@code no_peer_id}, BEP 23), {@code port}; IPv6 peers go in
 *       the same list (BEP 7: the dictionary form carries either family) and there is no {@code peers6}.</li>
 * </ul>
 */
public final class AnnounceResponseWriter {
    /** BEP 3 textual keys, in the order written (which is their sorted order). */
    private static final String COMPLETE = "complete";
    private static final String INCOMPLETE = "incomplete";
    private static final String INTERVAL = "interval";
    private static final String MIN_INTERVAL = "min interval";
    private static final String PEERS = "peers";
    private static final String PEERS6 = "peers6";
    private static final String IP = "ip";
    private static final String PEER_ID = "peer id";
    private static final String PORT = "port";

    /** Upper bound of everything but the peers: four counters of at most 22 bytes, keys, framing. */
    private static final int FIXED_PART = 160;
    /** Typical size of one dictionary-model peer (IPv6 text, peer id, port); the buffer grows if needed. */
    private static final int DICT_PEER = 90;

    private AnnounceResponseWriter() {
    }

    public static byte[] write(AnnounceResponse r, boolean compact, boolean noPeerId) {
        PeerList v4 = r.peers4() != null ? r.peers4() : PeerList.empty(AddressFamily.IPV4);
        PeerList v6 = r.peers6() != null ? r.peers6() : PeerList.empty(AddressFamily.IPV6);
        if (v4.family() != AddressFamily.IPV4 || v6.family() != AddressFamily.IPV6) {
            throw new IllegalArgumentException("peers4/peers6 hold the wrong address family");
        }
        int size = compact ? compactSize(r, v4, v6) : FIXED_PART + (v4.size() + v6.size()) * DICT_PEER;
        BencodeWriter w = new BencodeWriter(size);
        w.dictStart()
                .key(COMPLETE).intValue(r.complete())
                .key(INCOMPLETE).intValue(r.incomplete())
                .key(INTERVAL).intValue(r.interval())
                .key(MIN_INTERVAL).intValue(r.minInterval())
                .key(PEERS);
        if (compact) {
            writeCompact(w, v4);
            if (!v6.isEmpty()) {
                w.key(PEERS6);
                writeCompact(w, v6);
            }
        } else {
            w.listStart();
            writeDictionaries(w, v4, noPeerId);
            writeDictionaries(w, v6, noPeerId);
            w.end();
        }
        return w.end().detach();
    }

    /** The exact length of a compact answer, so the writer's buffer is the response (no copy). */
    private static int compactSize(AnnounceResponse r, PeerList v4, PeerList v6) {
        int size = 2 // d ... e
                + BencodeWriter.stringLength(COMPLETE.length()) + BencodeWriter.intLength(r.complete())
                + BencodeWriter.stringLength(INCOMPLETE.length()) + BencodeWriter.intLength(r.incomplete())
                + BencodeWriter.stringLength(INTERVAL.length()) + BencodeWriter.intLength(r.interval())
                + BencodeWriter.stringLength(MIN_INTERVAL.length()) + BencodeWriter.intLength(r.minInterval())
                + BencodeWriter.stringLength(PEERS.length())
                + BencodeWriter.stringLength(v4.size() * AddressFamily.IPV4.compactEntryLength());
        if (!v6.isEmpty()) {
            size += BencodeWriter.stringLength(PEERS6.length())
                    + BencodeWriter.stringLength(v6.size() * AddressFamily.IPV6.compactEntryLength());
        }
        return size;
    }

    private static void writeCompact(BencodeWriter w, PeerList peers) {
        int entry = peers.family().compactEntryLength();
        int n = peers.size();
        int at = w.reserveString(n * entry);
        byte[] dst = w.array();
        for (int i = 0; i < n; i++) {
            at += peers.copyCompact(i, dst, at);
        }
    }

    private static void writeDictionaries(BencodeWriter w, PeerList peers, boolean noPeerId) {
        int addressLength = peers.family().addressLength();
        byte[] scratch = new byte[Math.max(PeerId.LENGTH, peers.family().compactEntryLength())];
        for (int i = 0, n = peers.size(); i < n; i++) {
            peers.copyCompact(i, scratch, 0);
            w.dictStart().key(IP).string(IpLiterals.format(scratch, 0, addressLength));
            if (!noPeerId) {
                peers.copyPeerId(i, scratch, 0);
                w.key(PEER_ID).bytes(scratch, 0, PeerId.LENGTH);
            }
            w.key(PORT).intValue(peers.port(i)).end();
        }
    }
}
