package org.bittern.admin.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bittern.http.BencodeWriter;

/** Fuzzing the decoder that reads uploaded .torrent files: hostile input ends in a BencodeException, nothing else. */
class BencodeDecoderProperties {

    @Property(tries = 2000)
    void randomBytesOnlyEverFailWithBencodeException(@ForAll @Size(max = 300) byte[] input) {
        try {
            Bencode value = BencodeDecoder.decode(input);
            assertThat(value.start()).isZero();
            assertThat(value.end()).isEqualTo(input.length);
        } catch (BencodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Random input that looks like bencode, so the fuzzing reaches deep into the grammar. */
    @Property(tries = 2000)
    void bencodeLikeNoiseOnlyEverFailsWithBencodeException(@ForAll("bencodeish") String input) {
        try {
            BencodeDecoder.decode(input.getBytes(StandardCharsets.ISO_8859_1));
        } catch (BencodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> bencodeish() {
        return Arbitraries.of("d", "l", "i", "e", "0", "1", "3", "-", ":", "4:spam", "i42e", "3:abc", "x")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    /** Every proper prefix of a valid torrent is refused: truncation never yields a value. */
    @Property(tries = 300)
    void everyTruncationIsRefused(@ForAll @Size(min = 1, max = 40) byte[] pieces, @ForAll("names") String name) {
        byte[] whole = MetainfoTest.torrent(name, pieces);
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] prefix = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> BencodeDecoder.decode(prefix)).isInstanceOf(BencodeException.class);
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20);
    }

    @Property
    void integersRoundTrip(@ForAll long n) throws BencodeException {
        byte[] encoded = new BencodeWriter().intValue(n).toByteArray();
        assertThat(((Bencode.Int) BencodeDecoder.decode(encoded)).value()).isEqualTo(n);
    }

    @Example
    void nonCanonicalFormsAreRefusedWithTheirOffset() {
        assertRefused("i03e", "integer with a leading zero at byte 0");
        assertRefused("i-0e", "integer -0 at byte 0");
        assertRefused("ie", "integer without digits at byte 0");
        assertRefused("i99999999999999999999e", "integer too large at byte 0");
        assertRefused("03:abc", "string length with a leading zero at byte 0");
        assertRefused("5:abc", "string at byte 0 runs past the end");
        assertRefused("d1:bi1e1:ai2ee", "dictionary key at byte 7 is out of order");
        assertRefused("d1:ai1e1:ai2ee", "dictionary key at byte 7 is repeated");
        assertRefused("di1ei2ee", "dictionary key at byte 1 is not a string");
        assertRefused("d1:ae", "dictionary key at byte 1 has no value");
        assertRefused("i1ei2e", "unexpected data after the end at byte 3");
        assertRefused("", "empty input");
        assertRefused("l".repeat(100) + "e".repeat(100), "nested deeper than 64");
    }

    @Example
    void spansCoverTheExactBytes() throws BencodeException {
        byte[] input = "d4:infod4:name1:xee".getBytes(StandardCharsets.US_ASCII);
        Bencode.Dict top = (Bencode.Dict) BencodeDecoder.decode(input);
        Bencode info = top.entries().get("info");
        assertThat(new String(input, info.start(), info.end() - info.start(), StandardCharsets.US_ASCII))
                .isEqualTo("d4:name1:xe");
    }

    private static void assertRefused(String input, String message) {
        assertThatThrownBy(() -> BencodeDecoder.decode(input.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining(message);
    }
}
