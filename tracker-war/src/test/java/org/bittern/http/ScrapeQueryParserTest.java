package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeRequest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapeQueryParserTest {
    private final ScrapeQueryParser parser = new ScrapeQueryParser();

    private static String escaped(int b) {
        return String.format("%%%02x", b).repeat(20);
    }

    private static InfoHash hash(int b) {
        return InfoHash.fromHex(String.format("%02x", b).repeat(20));
    }

    @Test
    void singleBinaryHash() {
        ScrapeRequest r = parser.parse("info_hash=" + AnnounceQueryParserTest.HASH_ESCAPED, AddressFamily.IPV6, 50);
        assertThat(r.infoHashes()).containsExactly(InfoHash.of(AnnounceQueryParserTest.HASH));
        assertThat(r.family()).isEqualTo(AddressFamily.IPV6);
        assertThat(r.params()).isEmpty();
    }

    @Test
    void manyHashesInRequestOrderWithEitherSeparator() {
        ScrapeRequest r = parser.parse("info_hash=" + escaped(0xff) + "&info_hash=" + escaped(0x00)
                + ";info_hash=" + escaped(0x80), AddressFamily.IPV4, 50);
        assertThat(r.infoHashes()).containsExactly(hash(0xff), hash(0x00), hash(0x80));
    }

    @Test
    void duplicatesDroppedKeepingFirstPosition() {
        ScrapeRequest r = parser.parse("info_hash=" + escaped(2) + "&info_hash=" + escaped(1)
                + "&info_hash=" + escaped(2) + "&info_hash=" + escaped(3), AddressFamily.IPV4, 50);
        assertThat(r.infoHashes()).containsExactly(hash(2), hash(1), hash(3));
    }

    @Test
    void cutOffAtMaximumIsNotAnError() {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            q.append("info_hash=").append(escaped(i)).append('&');
        }
        ScrapeRequest r = parser.parse(q.toString(), AddressFamily.IPV4, 3);
        assertThat(r.infoHashes()).containsExactly(hash(0), hash(1), hash(2));
    }

    @Test
    void maximumCountsDistinctHashes() {
        String q = "info_hash=" + escaped(1) + "&info_hash=" + escaped(1) + "&info_hash=" + escaped(2);
        assertThat(parser.parse(q, AddressFamily.IPV4, 2).infoHashes()).containsExactly(hash(1), hash(2));
    }

    @Test
    void missingInfoHash() {
        for (String q : new String[] {null, "", "peer_id=x", "info_hashes=" + escaped(1)}) {
            assertThatThrownBy(() -> parser.parse(q, AddressFamily.IPV4, 50)).isInstanceOf(ClientError.class)
                    .hasMessage(HttpErrors.MISSING_INFO_HASH);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 19, 21})
    void everyHashMustBe20Bytes(int length) {
        String q = "info_hash=" + escaped(1) + "&info_hash=" + "%41".repeat(length);
        assertThatThrownBy(() -> parser.parse(q, AddressFamily.IPV4, 1)).isInstanceOf(ClientError.class)
                .hasMessage(HttpErrors.INVALID_INFO_HASH);
    }

    @Test
    void jwtIsPassedOn() {
        ScrapeRequest r = parser.parse("info_hash=" + escaped(1) + "&jwt=abc.def", AddressFamily.IPV4, 5);
        assertThat(r.params()).isEqualTo(Map.of("jwt", "abc.def"));
    }

    @Test
    void queryTooLongAndBadEscapes() {
        String huge = ("info_hash=" + escaped(1) + "&").repeat(900); // about 64 KiB
        assertThatThrownBy(() -> parser.parse(huge, AddressFamily.IPV4, 50)).hasMessage(HttpErrors.QUERY_TOO_LONG);
        assertThatThrownBy(() -> parser.parse("info_hash=%4", AddressFamily.IPV4, 50))
                .hasMessage(HttpErrors.BAD_ESCAPE);
    }

    @Test
    void maximumMustBePositive() {
        assertThatThrownBy(() -> parser.parse("info_hash=" + escaped(1), AddressFamily.IPV4, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void keepsFirstDistinctHashesUpToTheMaximum(@ForAll @Size(min = 1, max = 30) List<@IntRange(max = 15) Integer> picks,
                                                @ForAll @IntRange(min = 1, max = 20) int max) {
        StringBuilder q = new StringBuilder();
        List<InfoHash> expected = new ArrayList<>();
        for (int p : picks) {
            q.append("info_hash=").append(escaped(p * 17)).append('&');
            if (!expected.contains(hash(p * 17)) && expected.size() < max) {
                expected.add(hash(p * 17));
            }
        }
        assertThat(parser.parse(q.toString(), AddressFamily.IPV4, max).infoHashes()).isEqualTo(expected);
    }

    @Property
    void arbitraryQueriesOnlyEverThrowClientError(@ForAll String raw) {
        try {
            parser.parse(raw, AddressFamily.IPV4, 50);
        } catch (ClientError expected) {
            // fine
        }
    }
}
