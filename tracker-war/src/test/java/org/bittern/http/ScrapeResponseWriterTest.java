package org.bittern.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.bittorrent.SwarmStats;
import org.junit.jupiter.api.Test;

class ScrapeResponseWriterTest {

    private static InfoHash hash(int... prefix) {
        byte[] b = new byte[20];
        for (int i = 0; i < prefix.length; i++) {
            b[i] = (byte) prefix[i];
        }
        return InfoHash.of(b);
    }

    @Test
    void exactBytesForOneTorrent() {
        byte[] out = ScrapeResponseWriter.write(new ScrapeResponse(List.of(new SwarmStats(hash('A'), 3, 4, 5))));
        assertThat(new String(out, ISO_8859_1)).isEqualTo("d5:filesd20:A" + "\0".repeat(19)
                + "d8:completei3e10:downloadedi5e10:incompletei4eeee");
    }

    @Test
    void emptyScrape() {
        assertThat(new String(ScrapeResponseWriter.write(new ScrapeResponse(List.of())), ISO_8859_1))
                .isEqualTo("d5:filesdee");
    }

    @Test
    void filesSortedByUnsignedRawBytesNotRequestOrder() {
        // Request order 0xff.., 0x80.., 0x7f.., 0x00..: signed-byte order would put 0x80 and 0xff first.
        List<SwarmStats> files = List.of(new SwarmStats(hash(0xff), 1, 0, 0), new SwarmStats(hash(0x80), 2, 0, 0),
                new SwarmStats(hash(0x7f), 3, 0, 0), new SwarmStats(hash(0x00, 0x01), 4, 0, 0));
        Map<String, Object> d = BencodeDecoder.decode(ScrapeResponseWriter.write(new ScrapeResponse(files)));
        Map<String, Object> f = BencodeDecoder.dict(d.get("files"));
        List<Long> completes = new ArrayList<>();
        for (Object v : f.values()) {
            completes.add((Long) (BencodeDecoder.dict(v).get("complete")));
        }
        assertThat(completes).containsExactly(4L, 3L, 2L, 1L);
    }

    @Test
    void duplicateHashWrittenOnce() {
        List<SwarmStats> files = List.of(new SwarmStats(hash(1), 1, 2, 3), new SwarmStats(hash(1), 1, 2, 3));
        Map<String, Object> f = BencodeDecoder.dict(BencodeDecoder.decode(ScrapeResponseWriter.write(new ScrapeResponse(files))).get("files"));
        assertThat(f).hasSize(1);
    }

    @Property(tries = 300)
    void decodesToTheInput(@ForAll("files") List<SwarmStats> files) {
        Map<String, Object> d = BencodeDecoder.decode(ScrapeResponseWriter.write(new ScrapeResponse(files)));
        assertThat(d).containsOnlyKeys("files");
        Map<String, Object> decoded = BencodeDecoder.dict(d.get("files"));
        TreeMap<InfoHash, SwarmStats> expected = new TreeMap<>(Comparator.naturalOrder());
        files.forEach(s -> expected.putIfAbsent(s.infoHash(), s));
        assertThat(decoded).hasSize(expected.size());
        var it = decoded.entrySet().iterator();
        for (SwarmStats s : expected.values()) {
            var e = it.next();
            assertThat(((String) e.getKey()).getBytes(ISO_8859_1)).isEqualTo(s.infoHash().toBytes());
            Map<String, Object> v = BencodeDecoder.dict(e.getValue());
            assertThat(v.keySet()).containsExactly("complete", "downloaded", "incomplete");
            assertThat(v.get("complete")).isEqualTo(s.complete());
            assertThat(v.get("downloaded")).isEqualTo(s.downloaded());
            assertThat(v.get("incomplete")).isEqualTo(s.incomplete());
        }
    }

    @Provide
    Arbitrary<List<SwarmStats>> files() {
        // Few distinct first bytes, so that hashes share prefixes and duplicates happen.
        Arbitrary<InfoHash> hashes = Arbitraries.bytes().array(byte[].class).ofSize(20)
                .map(b -> {
                    byte[] c = Arrays.copyOf(b, 20);
                    Arrays.fill(c, 2, 20, (byte) 0);
                    return InfoHash.of(c);
                });
        Arbitrary<Long> counts = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Combinators.combine(hashes, counts, counts, counts).as(SwarmStats::new).list().ofMaxSize(80);
    }
}
