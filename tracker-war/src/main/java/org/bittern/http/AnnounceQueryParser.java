package org.bittern.http;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;

/**
 * Turns the raw query of an HTTP announce (BEP 3) into a validated {@link AnnounceRequest}.
 * <p>
 * One pass over the pairs records where each known key last occurs (last value wins; for an announce
 * this includes {@code info_hash}); the values are then validated in a fixed order, so the first
 * problem found is always the same one and each has its own {@link HttpErrors} text. Numbers are read
 * straight from the decoded bytes, the two 20-byte ids are copied once into their value types.
 * An empty value of an optional parameter means the same as its absence.
 * Stateless and thread-safe.
 */
public final class AnnounceQueryParser {
    /**
     * A parsed HTTP announce: the protocol-neutral request plus the two HTTP-only answer format choices.
     *
     * @param compact  answer {@code peers}/{@code peers6} as packed strings (BEP 23 / BEP 7); true unless
     *                 the client sent {@code compact=0}
     * @param noPeerId leave {@code peer id} out of a non-compact peer list (BEP 23 {@code no_peer_id=1})
     */
    public record HttpAnnounce(AnnounceRequest request, boolean compact, boolean noPeerId) {
        public HttpAnnounce {
            Objects.requireNonNull(request, "request");
        }
    }

    private static final String INFO_HASH = "info_hash";
    private static final String PEER_ID = "peer_id";
    private static final String PORT = "port";
    private static final String UPLOADED = "uploaded";
    private static final String DOWNLOADED = "downloaded";
    private static final String LEFT = "left";
    private static final String EVENT = "event";
    private static final String NUMWANT = "numwant";
    private static final String COMPACT = "compact";
    private static final String NO_PEER_ID = "no_peer_id";
    private static final String KEY = "key";
    private static final String JWT = "jwt";
    private static final String IP = "ip";
    private static final String IPV4 = "ipv4";
    private static final String IPV6 = "ipv6";

    /** BEP 3: a TCP port, 0 is not a listening port. */
    private static final int MIN_PORT = 1;
    private static final int MAX_PORT = 65535;

    /** floor((2^64 - 1) / 10): the largest value that can take one more decimal digit. */
    private static final long UNSIGNED_MAX_DIV_10 = Long.divideUnsigned(-1L, 10);

    private final boolean allowIpSpoofing;

    /**
     * @param allowIpSpoofing honour {@code ip} (BEP 3) and {@code ipv4}/{@code ipv6} (BEP 7) as the peer's
     *                        address ({@code tracker.http.allow-ip-spoofing}); when false they are ignored
     *                        unread, since anyone could otherwise announce a victim's address to a swarm
     */
    public AnnounceQueryParser(boolean allowIpSpoofing) {
        this.allowIpSpoofing = allowIpSpoofing;
    }

    /**
     * @param rawQuery      the still percent-encoded query string, without {@code ?}
     * @param clientAddress the client's address (socket or resolved through trusted proxies)
     * @throws ClientError with an {@link HttpErrors} text for every invalid or missing parameter
     */
    public HttpAnnounce parse(String rawQuery, InetAddress clientAddress) {
        Objects.requireNonNull(clientAddress, "clientAddress");
        RawQuery q = RawQuery.parse(rawQuery);
        int infoHash = -1, peerId = -1, port = -1, uploaded = -1, downloaded = -1, left = -1, event = -1,
                numWant = -1, compact = -1, noPeerId = -1, key = -1, jwt = -1, ip = -1, ipv4 = -1, ipv6 = -1;
        for (int i = 0, n = q.size(); i < n; i++) {
            // Dispatch on the key's length first: most pairs are then settled by one comparison.
            switch (q.keyLength(i)) {
                case 2 -> {
                    if (q.keyEquals(i, IP)) {
                        ip = i;
                    }
                }
                case 3 -> {
                    if (q.keyEquals(i, KEY)) {
                        key = i;
                    } else if (q.keyEquals(i, JWT)) {
                        jwt = i;
                    }
                }
                case 4 -> {
                    if (q.keyEquals(i, PORT)) {
                        port = i;
                    } else if (q.keyEquals(i, LEFT)) {
                        left = i;
                    } else if (q.keyEquals(i, IPV4)) {
                        ipv4 = i;
                    } else if (q.keyEquals(i, IPV6)) {
                        ipv6 = i;
                    }
                }
                case 5 -> {
                    if (q.keyEquals(i, EVENT)) {
                        event = i;
                    }
                }
                case 7 -> {
                    if (q.keyEquals(i, PEER_ID)) {
                        peerId = i;
                    } else if (q.keyEquals(i, NUMWANT)) {
                        numWant = i;
                    } else if (q.keyEquals(i, COMPACT)) {
                        compact = i;
                    }
                }
                case 8 -> {
                    if (q.keyEquals(i, UPLOADED)) {
                        uploaded = i;
                    }
                }
                case 9 -> {
                    if (q.keyEquals(i, INFO_HASH)) {
                        infoHash = i;
                    }
                }
                case 10 -> {
                    if (q.keyEquals(i, DOWNLOADED)) {
                        downloaded = i;
                    } else if (q.keyEquals(i, NO_PEER_ID)) {
                        noPeerId = i;
                    }
                }
                default -> {
                    // not a parameter of ours (corrupt, supportcrypto, redundant, ...): ignored
                }
            }
        }

        // BEP 3: info_hash and peer_id are exactly 20 raw bytes each.
        InfoHash hash = InfoHash.of(required20(q, infoHash, HttpErrors.MISSING_INFO_HASH,
                HttpErrors.INVALID_INFO_HASH), q.valueOffset(infoHash));
        PeerId id = PeerId.of(required20(q, peerId, HttpErrors.MISSING_PEER_ID,
                HttpErrors.INVALID_PEER_ID), q.valueOffset(peerId));
        int portNumber = parsePort(q, port);
        // BEP 3 counts bytes; clients send them as decimal, and 64 unsigned bits is the widest any sends
        // (BEP 15 puts the same fields in 64-bit words).
        long up = unsigned64(q, uploaded, HttpErrors.MISSING_UPLOADED, HttpErrors.INVALID_UPLOADED);
        long down = unsigned64(q, downloaded, HttpErrors.MISSING_DOWNLOADED, HttpErrors.INVALID_DOWNLOADED);
        long remaining = unsigned64(q, left, HttpErrors.MISSING_LEFT, HttpErrors.INVALID_LEFT);
        Event ev = parseEvent(q, event);
        int want = parseNumWant(q, numWant);
        boolean isCompact = parseCompact(q, compact);
        // BEP 23: no_peer_id=1 asks to leave peer ids out; it is only a size hint, so any other value
        // (some clients send 0) simply keeps them rather than failing the announce.
        boolean omitPeerId = noPeerId >= 0 && q.valueLength(noPeerId) == 1 && q.valueByte(noPeerId, 0) == '1';

        Peer peer = allowIpSpoofing
                ? spoofedPeer(q, id, clientAddress, portNumber, ip, ipv4, ipv6)
                : Peer.of(id, clientAddress, portNumber);

        AnnounceRequest request = new AnnounceRequest(hash, peer, ev, up, down, remaining, want,
                true, // BEP 7: an HTTP response can carry both peers and peers6
                params(q, key, jwt));
        return new HttpAnnounce(request, isCompact, omitPeerId);
    }

    private static byte[] required20(RawQuery q, int index, String missing, String invalid) {
        if (index < 0) {
            throw new ClientError(missing);
        }
        if (q.valueLength(index) != InfoHash.LENGTH) { // PeerId.LENGTH is 20 as well (BEP 3)
            throw new ClientError(invalid);
        }
        return q.buffer();
    }

    private static int parsePort(RawQuery q, int index) {
        if (index < 0) {
            throw new ClientError(HttpErrors.MISSING_PORT);
        }
        long v = saturatingDecimal(q, index);
        if (v < MIN_PORT || v > MAX_PORT) {
            throw new ClientError(HttpErrors.INVALID_PORT);
        }
        return (int) v;
    }

    /**
     * Unsigned 64-bit decimal, digits only (no sign, no spaces), 0 to 18446744073709551615, stored with
     * {@link Long#parseUnsignedLong} semantics (values above {@link Long#MAX_VALUE} are negative longs).
     */
    private static long unsigned64(RawQuery q, int index, String missing, String invalid) {
        if (index < 0) {
            throw new ClientError(missing);
        }
        int len = q.valueLength(index);
        if (len == 0) {
            throw new ClientError(invalid);
        }
        byte[] b = q.buffer();
        int off = q.valueOffset(index);
        long v = 0;
        for (int k = 0; k < len; k++) {
            int d = b[off + k] - '0';
            if (d < 0 || d > 9) {
                throw new ClientError(invalid);
            }
            // v * 10 + d must stay below 2^64: compare against floor((2^64 - 1) / 10) first.
            if (Long.compareUnsigned(v, UNSIGNED_MAX_DIV_10) > 0) {
                throw new ClientError(invalid);
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(next, v * 10) < 0) {
                throw new ClientError(invalid);
            }
            v = next;
        }
        return v;
    }

    /**
     * Digits only; returns the value saturated at {@link Long#MAX_VALUE}, or -1 when empty or not digits.
     */
    private static long saturatingDecimal(RawQuery q, int index) {
        int len = q.valueLength(index);
        if (len == 0) {
            return -1;
        }
        byte[] b = q.buffer();
        int off = q.valueOffset(index);
        long v = 0;
        for (int k = 0; k < len; k++) {
            int d = b[off + k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + d;
        }
        return v;
    }

    /** BEP 3: {@code started}, {@code stopped}, {@code completed}, or empty / absent for a regular announce. */
    private static Event parseEvent(RawQuery q, int index) {
        if (index < 0 || q.valueLength(index) == 0) {
            return Event.NONE;
        }
        if (valueIs(q, index, "started")) {
            return Event.STARTED;
        }
        if (valueIs(q, index, "completed")) {
            return Event.COMPLETED;
        }
        if (valueIs(q, index, "stopped")) {
            return Event.STOPPED;
        }
        throw new ClientError(HttpErrors.INVALID_EVENT);
    }

    /**
     * BEP 3 {@code numwant}: a non-negative count; absent or empty means "tracker default"
     * ({@link AnnounceRequest#DEFAULT_NUM_WANT}); larger than an int is clamped, since the configured
     * maximum applies later anyway.
     */
    private static int parseNumWant(RawQuery q, int index) {
        if (index < 0 || q.valueLength(index) == 0) {
            return AnnounceRequest.DEFAULT_NUM_WANT;
        }
        long v = saturatingDecimal(q, index);
        if (v < 0) {
            throw new ClientError(HttpErrors.INVALID_NUMWANT);
        }
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** BEP 23: {@code compact=1} asks for packed peers, {@code compact=0} for dictionaries; default packed. */
    private static boolean parseCompact(RawQuery q, int index) {
        if (index < 0 || q.valueLength(index) == 0) {
            return true;
        }
        if (q.valueLength(index) == 1) {
            byte c = q.valueByte(index, 0);
            if (c == '1') {
                return true;
            }
            if (c == '0') {
                return false;
            }
        }
        throw new ClientError(HttpErrors.INVALID_COMPACT);
    }

    /**
     * Only with {@code allow-ip-spoofing}. BEP 3 {@code ip} is an address (DNS names are refused: no
     * lookups on client input); BEP 7 {@code ipv4}/{@code ipv6} are an address or an RFC 2732 endpoint
     * whose port replaces {@code port}. One announce records one peer, so: {@code ip} first, then the
     * parameter of the family the request came in on (that swarm is the one answered), then the other.
     * Every one given must be a valid literal of its family, else {@link HttpErrors#INVALID_IP}.
     */
    private static Peer spoofedPeer(RawQuery q, PeerId id, InetAddress clientAddress, int port,
                                    int ip, int ipv4, int ipv6) {
        IpLiterals.Endpoint viaIp = ip >= 0 ? address(q, ip) : null;
        IpLiterals.Endpoint via4 = ipv4 >= 0 ? endpoint(q, ipv4, 4) : null;
        IpLiterals.Endpoint via6 = ipv6 >= 0 ? endpoint(q, ipv6, 16) : null;
        boolean clientIsV4 = isV4(clientAddress.getAddress());
        IpLiterals.Endpoint chosen = viaIp != null ? viaIp
                : clientIsV4 ? (via4 != null ? via4 : via6)
                : (via6 != null ? via6 : via4);
        if (chosen == null) {
            return Peer.of(id, clientAddress, port);
        }
        return Peer.of(id, chosen.address(), chosen.port() != 0 ? chosen.port() : port);
    }

    private static boolean isV4(byte[] a) {
        return a.length == 4 || AddressFamily.isV4Mapped(a, 0);
    }

    /** {@code ip=}: a bare IPv4 or IPv6 literal; null when empty (absent). */
    private static IpLiterals.Endpoint address(RawQuery q, int index) {
        if (q.valueLength(index) == 0) {
            return null;
        }
        byte[] a = IpLiterals.parse(ascii(q, index));
        if (a == null) {
            throw new ClientError(HttpErrors.INVALID_IP);
        }
        return new IpLiterals.Endpoint(a, 0);
    }

    /** {@code ipv4=}/{@code ipv6=}: address or endpoint of the named family; null when empty (absent). */
    private static IpLiterals.Endpoint endpoint(RawQuery q, int index, int addressLength) {
        if (q.valueLength(index) == 0) {
            return null;
        }
        IpLiterals.Endpoint e = IpLiterals.parseEndpoint(ascii(q, index));
        if (e == null || e.address().length != addressLength) {
            throw new ClientError(HttpErrors.INVALID_IP);
        }
        return e;
    }

    private static String ascii(RawQuery q, int index) {
        return new String(q.buffer(), q.valueOffset(index), q.valueLength(index), StandardCharsets.ISO_8859_1);
    }

    /** The textual parameters middleware reads (jwt for the jwt middleware, key for BEP 7 identity). */
    private static Map<String, String> params(RawQuery q, int key, int jwt) {
        if (key < 0 && jwt < 0) {
            return Map.of();
        }
        if (jwt < 0) {
            return Map.of(KEY, q.valueAsString(key));
        }
        if (key < 0) {
            return Map.of(JWT, q.valueAsString(jwt));
        }
        return Map.of(KEY, q.valueAsString(key), JWT, q.valueAsString(jwt));
    }

    private static boolean valueIs(RawQuery q, int index, String expected) {
        int len = q.valueLength(index);
        if (len != expected.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (q.valueByte(index, k) != (byte) expected.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
