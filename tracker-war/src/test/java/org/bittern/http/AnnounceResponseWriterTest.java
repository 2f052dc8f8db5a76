package org.bittern.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.PeerList;
import org.junit.jupiter.api.Test;

class AnnounceResponseWriterTest {

    static PeerId id(int fill) {
        byte[] b = new byte[20];
        Arrays.fill(b, (byte) fill);
        return PeerId.of(b);
    }

    static PeerList list(AddressFamily family, Peer... peers) {
        PeerList l = new PeerList(family, peers.length);
        for (Peer p : peers) {
            l.add(p);
        }
        return l;
    }

    static final Peer P4A = Peer.of(id('a'), IpLiterals.parse("10.0.0.1"), 6881);
    static final Peer P4B = Peer.of(id('b'), IpLiterals.parse("192.0.2.255"), 65535);
    static final Peer P6 = Peer.of(id('c'), IpLiterals.parse("2001:db8::1"), 0x1ae1);

    private static AnnounceResponse response(PeerList v4, PeerList v6) {
        return new AnnounceResponse(1800, 900, 5, 7, v4, v6);
    }

    @Test
    void compactExactBytes() {
        byte[] out = AnnounceResponseWriter.write(response(list(AddressFamily.IPV4, P4A), PeerList.empty(AddressFamily.IPV6)), true, false);
        String expected = "d8:completei5e10:incompletei7e8:intervali1800e12:min intervali900e5:peers6:"
                + "\n\0\0\1\u001a\u00e1e";
        assertThat(new String(out, ISO_8859_1)).isEqualTo(expected);
    }

    @Test
    void compactWithoutPeersStillHasEmptyPeersAndNoPeers6() {
        byte[] out = AnnounceResponseWriter.write(response(PeerList.empty(AddressFamily.IPV4), PeerList.empty(AddressFamily.IPV6)), true, false);
        assertThat(new String(out, ISO_8859_1))
                .isEqualTo("d8:completei5e10:incompletei7e8:intervali1800e12:min intervali900e5:peers0:e");
    }

    @Test
    void nullPeerListsAreEmpty() {
        byte[] out = AnnounceResponseWriter.write(new AnnounceResponse(1, 1, 0, 0, null, null), true, false);
        assertThat(BencodeDecoder.decode(out)).containsKeys("peers").doesNotContainKey("peers6");
    }

    @Test
    void compactPeers6Bep7() {
        byte[] out = AnnounceResponseWriter.write(response(list(AddressFamily.IPV4, P4A, P4B), list(AddressFamily.IPV6, P6)), true, false);
        Map<String, Object> d = BencodeDecoder.decode(out);
        assertThat(d).containsOnlyKeys("complete", "incomplete", "interval", "min interval", "peers", "peers6");
        assertThat(BencodeDecoder.bytes(d.get("peers"))).containsExactly(10, 0, 0, 1, 0x1a, 0xe1, 192, 0, 2, 255, 0xff, 0xff);
        byte[] p6 = BencodeDecoder.bytes(d.get("peers6"));
        assertThat(p6).hasSize(18);
        assertThat(Arrays.copyOf(p6, 16)).isEqualTo(IpLiterals.parse("2001:db8::1"));
        assertThat(Arrays.copyOfRange(p6, 16, 18)).containsExactly(0x1a, 0xe1);
    }

    @Test
    void onlyIpv6PeersStillWritesEmptyPeers() {
        Map<String, Object> d = BencodeDecoder.decode(AnnounceResponseWriter.write(
                response(PeerList.empty(AddressFamily.IPV4), list(AddressFamily.IPV6, P6)), true, false));
        assertThat(BencodeDecoder.bytes(d.get("peers"))).isEmpty();
        assertThat(BencodeDecoder.bytes(d.get("peers6"))).hasSize(18);
    }

    @Test
    void dictionaryModelWithBothFamiliesInPeers() {
        byte[] out = AnnounceResponseWriter.write(response(list(AddressFamily.IPV4, P4A), list(AddressFamily.IPV6, P6)), false, false);
        Map<String, Object> d = BencodeDecoder.decode(out);
        assertThat(d).doesNotContainKey("peers6");
        List<Object> peers = BencodeDecoder.list(d.get("peers"));
        assertThat(peers).hasSize(2);
        Map<String, Object> first = BencodeDecoder.dict(peers.get(0));
        assertThat(first.keySet()).containsExactly("ip", "peer id", "port");
        assertThat(BencodeDecoder.text(first.get("ip"))).isEqualTo("10.0.0.1");
        assertThat(BencodeDecoder.bytes(first.get("peer id"))).isEqualTo(id('a').toBytes());
        assertThat(first.get("port")).isEqualTo(6881L);
        Map<String, Object> second = BencodeDecoder.dict(peers.get(1));
        assertThat(BencodeDecoder.text(second.get("ip"))).isEqualTo("2001:db8::1");
        assertThat(second.get("port")).isEqualTo(6881L);
        assertThat(new String(out, ISO_8859_1)).contains("d2:ip8:10.0.0.17:peer id20:aaaaaaaaaaaaaaaaaaaa4:porti6881ee");
    }

    @Test
    void noPeerIdLeavesIdsOut() {
        byte[] out = AnnounceResponseWriter.write(response(list(AddressFamily.IPV4, P4A, P4B), PeerList.empty(AddressFamily.IPV6)), false, true);
        List<Object> peers = BencodeDecoder.list(BencodeDecoder.decode(out).get("peers"));
        for (Object p : peers) {
            assertThat(BencodeDecoder.dict(p).keySet()).containsExactly("ip", "port");
        }
        assertThat(new String(out, ISO_8859_1)).doesNotContain("peer id");
    }

    @Test
    void noPeerIdDoesNotChangeCompact() {
        AnnounceResponse r = response(list(AddressFamily.IPV4, P4A), PeerList.empty(AddressFamily.IPV6));
        assertThat(AnnounceResponseWriter.write(r, true, true)).isEqualTo(AnnounceResponseWriter.write(r, true, false));
    }

    @Test
    void emptyDictionaryModel() {
        byte[] out = AnnounceResponseWriter.write(response(PeerList.empty(AddressFamily.IPV4), PeerList.empty(AddressFamily.IPV6)), false, false);
        assertThat(new String(out, ISO_8859_1)).endsWith("5:peerslee");
    }

    @Test
    void manyPeersGrowTheBuffer() {
        PeerList v4 = new PeerList(AddressFamily.IPV4, 1);
        for (int i = 1; i <= 1000; i++) {
            v4.add(Peer.of(id(i), new byte[] {10, 0, (byte) (i >> 8), (byte) i}, i));
        }
        Map<String, Object> d = BencodeDecoder.decode(AnnounceResponseWriter.write(response(v4, PeerList.empty(AddressFamily.IPV6)), true, false));
        assertThat(BencodeDecoder.bytes(d.get("peers"))).hasSize(6000);
        List<Object> dicts = BencodeDecoder.list(BencodeDecoder.decode(AnnounceResponseWriter.write(response(v4, PeerList.empty(AddressFamily.IPV6)), false, false)).get("peers"));
        assertThat(dicts).hasSize(1000);
    }

    @Test
    void swappedFamiliesAreRejected() {
        AnnounceResponse wrong = response(list(AddressFamily.IPV6, P6), PeerList.empty(AddressFamily.IPV6));
        assertThatThrownBy(() -> AnnounceResponseWriter.write(wrong, true, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
