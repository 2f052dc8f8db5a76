package org.bittern.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerId;

/** Builds BEP 15 request datagrams for tests, field by field as the BEP lays them out. */
public final class Datagrams {
    private Datagrams() {
    }

    public static ByteBuffer connect(int transactionId) {
        return ByteBuffer.allocate(16).putLong(Bep15.PROTOCOL_ID).putInt(Bep15.ACTION_CONNECT).putInt(transactionId)
                .flip();
    }

    /** An announce of the given fields; {@code options} (BEP 41 bytes) are appended as they are. */
    public static ByteBuffer announce(long connectionId, int transactionId, InfoHash infoHash, PeerId peerId,
            long left, int event, int numWant, int port, byte... options) {
        ByteBuffer b = ByteBuffer.allocate(Bep15.ANNOUNCE_REQUEST_LENGTH + options.length);
        b.putLong(connectionId).putInt(Bep15.ACTION_ANNOUNCE).putInt(transactionId);
        b.put(infoHash.toBytes()).put(peerId.toBytes());
        b.putLong(0).putLong(left).putLong(0); // downloaded, left, uploaded
        b.putInt(event).putInt(0).putInt(0x1234).putInt(numWant).putShort((short) port);
        b.put(options);
        return b.flip();
    }

    public static ByteBuffer scrape(long connectionId, int transactionId, InfoHash... hashes) {
        ByteBuffer b = ByteBuffer.allocate(16 + 20 * hashes.length);
        b.putLong(connectionId).putInt(Bep15.ACTION_SCRAPE).putInt(transactionId);
        for (InfoHash hash : hashes) {
            b.put(hash.toBytes());
        }
        return b.flip();
    }

    /** A BEP 41 URL-data option (type 2, length, bytes). */
    public static byte[] urlData(String chunk) {
        byte[] data = chunk.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] option = new byte[2 + data.length];
        option[0] = Bep15.OPTION_URL_DATA;
        option[1] = (byte) data.length;
        System.arraycopy(data, 0, option, 2, data.length);
        return option;
    }

    /**
     * {@code pathAndQuery} as BEP 41 URL-data options of at most 255 bytes each (one option's length is one byte),
     * which the tracker joins again: how a client sends a query longer than one option, such as a JWT.
     */
    public static byte[] urlDataOptions(String pathAndQuery) {
        byte[] out = new byte[0];
        for (int from = 0; from < pathAndQuery.length(); from += 255) {
            out = concat(out, urlData(pathAndQuery.substring(from, Math.min(pathAndQuery.length(), from + 255))));
        }
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] part : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + part.length);
            System.arraycopy(part, 0, out, at, part.length);
        }
        return out;
    }

    /** The datagram cut to its first {@code length} bytes. */
    public static ByteBuffer truncated(ByteBuffer datagram, int length) {
        return ByteBuffer.wrap(Arrays.copyOf(datagram.array(), length));
    }

    /** Sends one datagram and waits (bounded by the socket's timeout) for the answer. */
    public static ByteBuffer exchange(DatagramSocket socket, InetSocketAddress to, ByteBuffer request)
            throws IOException {
        send(socket, to, request);
        return receive(socket);
    }

    public static void send(DatagramSocket socket, InetSocketAddress to, ByteBuffer request) throws IOException {
        socket.send(new DatagramPacket(request.array(), request.limit(), to));
    }

    /** The next datagram, waiting at most the socket's timeout. */
    public static ByteBuffer receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[Bep15.MAX_RESPONSE_LENGTH];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        socket.receive(answer);
        return ByteBuffer.wrap(Arrays.copyOf(buffer, answer.getLength()));
    }

    /** A connect exchange; returns the connection id. */
    public static long connect(DatagramSocket socket, InetSocketAddress to) throws IOException {
        return exchange(socket, to, connect(1)).getLong(8);
    }

    /** The text of an error packet, or fails if it is not one. */
    public static String errorText(ByteBuffer response) {
        if (response.getInt(0) != Bep15.ACTION_ERROR) {
            throw new AssertionError("not an error packet: action " + response.getInt(0));
        }
        byte[] text = new byte[response.limit() - Bep15.RESPONSE_HEADER_LENGTH];
        response.get(Bep15.RESPONSE_HEADER_LENGTH, text);
        return new String(text, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
