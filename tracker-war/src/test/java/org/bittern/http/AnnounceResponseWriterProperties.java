package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.PeerList;

/** For random responses, the independent decoder reads back exactly what went in, keys sorted. */
class AnnounceResponseWriterProperties {

    @Property(tries = 500)
    void compactDecodesToTheInput(@ForAll("responses") AnnounceResponse r) {
        Map<String, Object> d = BencodeDecoder.decode(AnnounceResponseWriter.write(r, true, false));
        assertCounters(d, r);
        assertThat(BencodeDecoder.bytes(d.get("peers"))).isEqualTo(compact(r.peers4()));
        if (r.peers6().isEmpty()) {
            assertThat(d).doesNotContainKey("peers6");
        } else {
            assertThat(BencodeDecoder.bytes(d.get("peers6"))).isEqualTo(compact(r.peers6()));
        }
    }

    @Property(tries = 300)
    void dictionaryModelDecodesToTheInput(@ForAll("responses") AnnounceResponse r, @ForAll boolean noPeerId) {
        Map<String, Object> d = BencodeDecoder.decode(AnnounceResponseWriter.write(r, false, noPeerId));
        assertCounters(d, r);
        assertThat(d).doesNotContainKey("peers6");
        List<Object> peers = BencodeDecoder.list(d.get("peers"));
        List<Peer> expected = new ArrayList<>();
        for (int i = 0; i < r.peers4().size(); i++) {
            expected.add(r.peers4().get(i));
        }
        for (int i = 0; i < r.peers6().size(); i++) {
            expected.add(r.peers6().get(i));
        }
        assertThat(peers).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> p = BencodeDecoder.dict(peers.get(i));
            Peer e = expected.get(i);
            assertThat(IpLiterals.parse(BencodeDecoder.text(p.get("ip")))).isEqualTo(e.address());
            assertThat(p.get("port")).isEqualTo((long) e.port());
            if (noPeerId) {
                assertThat(p).doesNotContainKey("peer id");
            } else {
                assertThat(BencodeDecoder.bytes(p.get("peer id"))).isEqualTo(e.id().toBytes());
            }
        }
    }

    private static void assertCounters(Map<String, Object> d, AnnounceResponse r) {
        assertThat(d.get("complete")).isEqualTo(r.complete());
        assertThat(d.get("incomplete")).isEqualTo(r.incomplete());
        assertThat(d.get("interval")).isEqualTo((long) r.interval());
        assertThat(d.get("min interval")).isEqualTo((long) r.minInterval());
    }

    private static byte[] compact(PeerList l) {
        int entry = l.family().compactEntryLength();
        byte[] out = new byte[l.size() * entry];
        for (int i = 0; i < l.size(); i++) {
            Peer p = l.get(i);
            System.arraycopy(p.address(), 0, out, i * entry, entry - 2);
            out[i * entry + entry - 2] = (byte) (p.port() >> 8);
            out[i * entry + entry - 1] = (byte) p.port();
        }
        return out;
    }

    @Provide
    Arbitrary<AnnounceResponse> responses() {
        Arbitrary<Integer> seconds = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Long> counts = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Combinators.combine(seconds, seconds, counts, counts, peers(AddressFamily.IPV4), peers(AddressFamily.IPV6))
                .as(AnnounceResponse::new);
    }

    private static Arbitrary<PeerList> peers(AddressFamily family) {
        Arbitrary<Peer> peer = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize(PeerId.LENGTH),
                Arbitraries.bytes().array(byte[].class).ofSize(family.addressLength())
                        .filter(a -> a.length == 4 || !org.bittern.bittorrent.AddressFamily.isV4Mapped(a, 0)),
                Arbitraries.integers().between(1, 65535))
                .as((id, addr, port) -> Peer.of(PeerId.of(id), addr, port));
        return peer.list().ofMaxSize(60).map(ps -> {
            PeerList l = new PeerList(family, ps.size());
            ps.forEach(l::add);
            return l;
        });
    }
}
