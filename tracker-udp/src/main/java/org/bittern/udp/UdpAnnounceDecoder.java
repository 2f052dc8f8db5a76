package org.bittern.udp;

import java.nio.ByteBuffer;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;

/** Decodes a BEP 15 announce request (and its BEP 41 options) into the protocol-neutral {@link AnnounceRequest}. */
public final class UdpAnnounceDecoder {
    private final boolean allowIpSpoofing;

    /** @param allowIpSpoofing honour the request's IP address field ({@code tracker.http.allow-ip-spoofing}) */
    public UdpAnnounceDecoder(boolean allowIpSpoofing) {
        this.allowIpSpoofing = allowIpSpoofing;
    }

    /**
     * @param in      the whole datagram, from position 0 to its limit
     * @param address the client's address as seen by the socket: 4 bytes, or 16 for an IPv6 client
     * @throws ClientError with a {@link UdpErrors} text, or the model's text for a bad event
     */
    public AnnounceRequest decode(ByteBuffer in, byte[] address) {
        if (in.limit() < Bep15.ANNOUNCE_REQUEST_LENGTH) {
            throw new ClientError(UdpErrors.TRUNCATED_ANNOUNCE);
        }
        byte[] raw = in.array();
        int base = in.arrayOffset();
        InfoHash infoHash = InfoHash.of(raw, base + Bep15.ANNOUNCE_INFO_HASH);
        PeerId peerId = PeerId.of(raw, base + Bep15.ANNOUNCE_PEER_ID);
        long downloaded = in.getLong(Bep15.ANNOUNCE_DOWNLOADED);
        long left = in.getLong(Bep15.ANNOUNCE_LEFT);
        long uploaded = in.getLong(Bep15.ANNOUNCE_UPLOADED);
        Event event = Event.ofUdpCode(in.getInt(Bep15.ANNOUNCE_EVENT));
        int numWant = in.getInt(Bep15.ANNOUNCE_NUM_WANT);
        int port = in.getShort(Bep15.ANNOUNCE_PORT) & 0xffff;
        if (port == 0) {
            throw new ClientError(UdpErrors.INVALID_PORT);
        }
        Peer peer = Peer.of(peerId, peerAddress(in, address), port);
        return new AnnounceRequest(infoHash, peer, event, uploaded, downloaded, left,
                numWant < 0 ? AnnounceRequest.DEFAULT_NUM_WANT : numWant, false,
                Bep41Options.parse(in, Bep15.ANNOUNCE_REQUEST_LENGTH));
    }

    /** BEP 15: the IP field is 0 for "use the sender's address"; an IPv6 request has no room for its own address. */
    private byte[] peerAddress(ByteBuffer in, byte[] socketAddress) {
        int ip = in.getInt(Bep15.ANNOUNCE_IP);
        if (!allowIpSpoofing || ip == 0 || socketAddress.length != 4) {
            return socketAddress;
        }
        return new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
    }
}
