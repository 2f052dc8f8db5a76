package org.bittern.udp.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sidecar over UDP, with packets built here from BEP 15 itself rather than from the sidecar's codec, so
 * a mistake in that codec cannot cancel out. One connect per call keeps each call self-contained.
 */
final class UdpTracker implements TrackerEndpoint {
    /** BEP 15: the connect request's magic "protocol_id". */
    private static final long PROTOCOL_ID = 0x41727101980L;
    private static final int CONNECT = 0;
    private static final int ANNOUNCE = 1;
    private static final int SCRAPE = 2;
    private static final int ERROR = 3;
    /** BEP 15: action, transaction_id, interval, leechers, seeders, then the peers. */
    private static final int ANNOUNCE_RESPONSE_HEADER = 20;
    /** BEP 15: seeders, completed, leechers per requested hash. */
    private static final int SCRAPE_ENTRY = 12;
    /**
     * BEP 15 asks clients to retransmit after 15 * 2^n s; on loopback a lost datagram is rare, so a short wait
     * and a few tries bound a call at a few seconds instead of minutes.
     */
    private static final int RECEIVE_TIMEOUT_MILLIS = 2_000;
    private static final int TRIES = 3;
    private static final int MAX_DATAGRAM = 4096;

    private final InetSocketAddress server;
    /** The client's address, or null for the loopback address of the server's family. */
    private final InetAddress source;

    UdpTracker(InetSocketAddress server) {
        this(server, null);
    }

    private UdpTracker(InetSocketAddress server, InetAddress source) {
        this.server = server;
        this.source = source;
    }

    /** The same tracker asked from {@code source} (e.g. 127.0.3.1: another loopback /24, no spoofing needed). */
    UdpTracker from(InetAddress source) {
        return new UdpTracker(server, source);
    }

    int port() {
        return server.getPort();
    }

    @Override
    public AnnounceAnswer announce(byte[] infoHash, byte[] peerId, int port, long left, Event event, String jwt)
            throws IOException {
        try (DatagramSocket socket = open()) {
            byte[] request = announceRequest(connect(socket), infoHash, peerId, port, left, event);
            ByteBuffer reply = exchange(socket, jwt == null ? request : withUrlData(request, "/announce?jwt=" + jwt),
                    ANNOUNCE);
            if (reply.remaining() < ANNOUNCE_RESPONSE_HEADER - 8) {
                throw new AssertionError("announce response of " + (reply.remaining() + 8) + " bytes");
            }
            reply.getInt(); // interval
            long leechers = reply.getInt();
            long seeders = reply.getInt();
            // BEP 15: 6-byte entries when asked over IPv4, 18-byte entries over IPv6.
            int addressLength = server.getAddress().getAddress().length;
            int entry = addressLength + 2;
            if (reply.remaining() % entry != 0) {
                throw new AssertionError("peer list of " + reply.remaining() + " bytes, not a multiple of " + entry);
            }
            List<InetSocketAddress> peers = new ArrayList<>();
            while (reply.hasRemaining()) {
                byte[] address = new byte[addressLength];
                reply.get(address);
                peers.add(new InetSocketAddress(InetAddress.getByAddress(address), reply.getShort() & 0xffff));
            }
            return new AnnounceAnswer(seeders, leechers, peers);
        }
    }

    @Override
    public Outcome announceOutcome(byte[] infoHash, byte[] peerId, int port, long left, Event event, String jwt)
            throws IOException {
        try (DatagramSocket socket = open()) {
            byte[] request = announceRequest(connect(socket), infoHash, peerId, port, left, event);
            if (jwt != null) {
                request = withUrlData(request, "/announce?jwt=" + jwt);
            }
            ByteBuffer reply = send(socket, request);
            int action = reply.getInt();
            reply.getInt();
            if (action == ERROR) {
                return Outcome.refused(text(reply));
            }
            if (action != ANNOUNCE || reply.remaining() < ANNOUNCE_RESPONSE_HEADER - 8) {
                throw new AssertionError("not an announce response: action " + action);
            }
            return new Outcome(null, reply.getInt(), Outcome.NO_MIN_INTERVAL);
        }
    }

    /** BEP 15's announce request, field by field. */
    private static byte[] announceRequest(long connectionId, byte[] infoHash, byte[] peerId, int port, long left,
            Event event) {
        return ByteBuffer.allocate(98)
                .putLong(connectionId).putInt(ANNOUNCE).putInt(0)
                .put(infoHash).put(peerId)
                .putLong(0) // downloaded
                .putLong(left)
                .putLong(0) // uploaded
                .putInt(event.udpCode)
                .putInt(0) // IP: 0 = the sender's address
                .putInt(ThreadLocalRandom.current().nextInt()) // key
                .putInt(-1) // num_want: the tracker's default
                .putShort((short) port)
                .array();
    }

    /**
     * BEP 41: after the 98 bytes, URL-data options (type 2, a length byte, at most 255 bytes each) carrying the
     * path and query, which the tracker joins; then end of options (type 0).
     */
    private static byte[] withUrlData(byte[] announce, String pathAndQuery) {
        byte[] data = pathAndQuery.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(announce.length + data.length + 2 * (data.length / 255 + 1) + 1);
        out.put(announce);
        for (int from = 0; from < data.length; from += 255) {
            int length = Math.min(255, data.length - from);
            out.put((byte) 2).put((byte) length).put(data, from, length);
        }
        out.put((byte) 0);
        return Arrays.copyOf(out.array(), out.position());
    }

    @Override
    public List<ScrapeCounts> scrape(List<byte[]> infoHashes) throws IOException {
        try (DatagramSocket socket = open()) {
            long connectionId = connect(socket);
            ByteBuffer request = ByteBuffer.allocate(16 + 20 * infoHashes.size())
                    .putLong(connectionId).putInt(SCRAPE).putInt(0);
            infoHashes.forEach(request::put);
            ByteBuffer reply = exchange(socket, request.array(), SCRAPE);
            if (reply.remaining() != SCRAPE_ENTRY * infoHashes.size()) {
                throw new AssertionError("scrape response with " + reply.remaining() + " bytes of entries for "
                        + infoHashes.size() + " hashes");
            }
            List<ScrapeCounts> counts = new ArrayList<>();
            while (reply.hasRemaining()) {
                long seeders = reply.getInt();
                long completed = reply.getInt();
                long leechers = reply.getInt();
                counts.add(new ScrapeCounts(seeders, leechers, completed));
            }
            return counts;
        }
    }

    /** True once the sidecar answers a connect: its sockets are bound and its request path works. */
    boolean answersConnect() {
        try (DatagramSocket socket = open()) {
            connect(socket);
            return true;
        } catch (IOException | AssertionError e) {
            return false;
        }
    }

    private DatagramSocket open() throws IOException {
        DatagramSocket socket = new DatagramSocket(source != null ? new InetSocketAddress(source, 0)
                : new InetSocketAddress(server.getAddress() instanceof Inet6Address ? "::1" : "127.0.0.1", 0));
        socket.connect(server);
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        return socket;
    }

    private long connect(DatagramSocket socket) throws IOException {
        byte[] request = ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(CONNECT).putInt(0).array();
        ByteBuffer reply = exchange(socket, request, CONNECT);
        if (reply.remaining() < 8) {
            throw new AssertionError("connect response of " + (reply.remaining() + 8) + " bytes");
        }
        return reply.getLong();
    }

    /**
     * Sends {@code request} with a fresh transaction id (bytes 12..15 of every BEP 15 request) and returns the
     * reply after its action and transaction id; an error packet fails the test with the tracker's message.
     */
    private static ByteBuffer exchange(DatagramSocket socket, byte[] request, int action) throws IOException {
        ByteBuffer reply = send(socket, request);
        int replyAction = reply.getInt();
        reply.getInt();
        if (replyAction == ERROR) {
            throw new AssertionError("tracker error packet: " + text(reply));
        }
        if (replyAction != action) {
            throw new AssertionError("reply action " + replyAction + ", expected " + action);
        }
        return reply;
    }

    /** Sends {@code request} with a fresh transaction id and returns the whole reply to it, whatever its action. */
    private static ByteBuffer send(DatagramSocket socket, byte[] request) throws IOException {
        int transaction = ThreadLocalRandom.current().nextInt();
        ByteBuffer.wrap(request).putInt(12, transaction);
        byte[] buffer = new byte[MAX_DATAGRAM];
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            socket.send(new DatagramPacket(request, request.length));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            ByteBuffer reply = ByteBuffer.wrap(Arrays.copyOf(buffer, packet.getLength()));
            if (reply.remaining() < 8 || reply.getInt(4) != transaction) {
                throw new AssertionError("reply without our transaction id: " + reply.remaining() + " bytes");
            }
            return reply;
        }
        throw new SocketTimeoutException("no reply from " + socket.getRemoteSocketAddress() + " after " + TRIES
                + " tries");
    }

    /** The rest of an error packet: its message. */
    private static String text(ByteBuffer reply) {
        byte[] message = new byte[reply.remaining()];
        reply.get(message);
        return new String(message, StandardCharsets.UTF_8);
    }
}
