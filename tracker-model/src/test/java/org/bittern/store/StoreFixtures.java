package org.bittern.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.PeerList;

/** Builders for store tests and benchmarks: torrents, peers and announces, deterministic by number. */
public final class StoreFixtures {
    /** What a leecher reports as {@code left} (anything above zero). */
    public static final long LEFT = 1_000_000;
    public static final int BASE_PORT = 6881;

    private StoreFixtures() {
    }

    /** A distinct info_hash for every {@code n}. */
    public static InfoHash infoHash(int n) {
        byte[] bytes = new byte[InfoHash.LENGTH];
        ByteBuffer.wrap(bytes).putInt(0x5eed0000).putInt(n).putLong(n * 0x9E3779B97F4A7C15L).putInt(~n);
        return InfoHash.of(bytes);
    }

    public static InfoHash randomInfoHash() {
        byte[] bytes = new byte[InfoHash.LENGTH];
        ThreadLocalRandom.current().nextBytes(bytes);
        return InfoHash.of(bytes);
    }

    /** A distinct Azureus-style peer_id for every {@code n}: the usual shared client prefix, then {@code n}. */
    public static PeerId peerId(long n) {
        byte[] bytes = new byte[PeerId.LENGTH];
        byte[] prefix = "-BT0100-".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        ByteBuffer.wrap(bytes, prefix.length, Long.BYTES + Integer.BYTES).putLong(n).putInt((int) (n * 31 + 7));
        return PeerId.of(bytes);
    }

    public static PeerId randomPeerId() {
        byte[] bytes = new byte[PeerId.LENGTH];
        ThreadLocalRandom.current().nextBytes(bytes);
        return PeerId.of(bytes);
    }

    /** IPv4 peer number {@code n}: peer_id(n) at 10.x.y.z:6881. */
    public static Peer ipv4Peer(int n) {
        return Peer.of(peerId(n), ipv4Address(n), BASE_PORT);
    }

    /** IPv6 peer number {@code n}: peer_id(n) at 2001:db8::n:6881 (documentation prefix, RFC 3849). */
    public static Peer ipv6Peer(int n) {
        return Peer.of(peerId(n), ipv6Address(n), BASE_PORT);
    }

    public static byte[] ipv4Address(int n) {
        return new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    public static byte[] ipv6Address(int n) {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        ByteBuffer.wrap(a, 12, 4).putInt(n);
        return a;
    }

    public static Peer randomIpv4Peer() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] address = new byte[4];
        random.nextBytes(address);
        address[0] = 10;
        return Peer.of(randomPeerId(), address, 1 + random.nextInt(65535));
    }

    public static Peer randomIpv6Peer() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] address = ipv6Address(0);
        random.nextBytes(address);
        address[0] = 0x20;
        address[1] = 0x01;
        return Peer.of(randomPeerId(), address, 1 + random.nextInt(65535));
    }

    public static AnnounceRequest request(InfoHash infoHash, Peer peer, Event event, long left, boolean bothFamilies) {
        return new AnnounceRequest(infoHash, peer, event, 0, 0, left, AnnounceRequest.DEFAULT_NUM_WANT, bothFamilies, Map.of());
    }

    /** A regular (no event) announce of a peer that still downloads. */
    public static AnnounceRequest leecher(InfoHash infoHash, Peer peer) {
        return request(infoHash, peer, Event.NONE, LEFT, false);
    }

    /** A regular (no event) announce of a peer with nothing left to download. */
    public static AnnounceRequest seeder(InfoHash infoHash, Peer peer) {
        return request(infoHash, peer, Event.NONE, 0, false);
    }

    public static AnnounceRequest started(InfoHash infoHash, Peer peer, long left) {
        return request(infoHash, peer, Event.STARTED, left, false);
    }

    public static AnnounceRequest completed(InfoHash infoHash, Peer peer) {
        return request(infoHash, peer, Event.COMPLETED, 0, false);
    }

    public static AnnounceRequest stopped(InfoHash infoHash, Peer peer, long left) {
        return request(infoHash, peer, Event.STOPPED, left, false);
    }

    /** The same request, allowed (or not) to receive peers of the other address family. */
    public static AnnounceRequest bothFamilies(AnnounceRequest r, boolean both) {
        return new AnnounceRequest(r.infoHash(), r.peer(), r.event(), r.uploaded(), r.downloaded(), r.left(),
                r.numWant(), both, r.params());
    }

    /** The entries of {@code list}, decoded, in order. */
    public static List<Peer> peers(PeerList list) {
        List<Peer> peers = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            peers.add(list.get(i));
        }
        return peers;
    }

    /** The entries of {@code list}, decoded; a duplicate entry makes the set smaller than the list. */
    public static Set<Peer> peerSet(PeerList list) {
        return new LinkedHashSet<>(peers(list));
    }

    /** Peers number {@code from} (inclusive) to {@code to} (exclusive) of one family. */
    public static List<Peer> ipv4Peers(int from, int to) {
        List<Peer> peers = new ArrayList<>(to - from);
        for (int n = from; n < to; n++) {
            peers.add(ipv4Peer(n));
        }
        return peers;
    }

    public static List<Peer> ipv6Peers(int from, int to) {
        List<Peer> peers = new ArrayList<>(to - from);
        for (int n = from; n < to; n++) {
            peers.add(ipv6Peer(n));
        }
        return peers;
    }
}
