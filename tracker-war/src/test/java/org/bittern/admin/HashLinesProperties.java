package org.bittern.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bittern.bittorrent.InfoHash;

class HashLinesProperties {

    static List<HashLines.Line> readAll(byte[] body) throws IOException {
        HashLines lines = new HashLines(new ByteArrayInputStream(body));
        List<HashLines.Line> out = new ArrayList<>();
        for (HashLines.Line l = lines.next(); l != null; l = lines.next()) {
            out.add(l);
        }
        return out;
    }

    @Property
    void everyHashComesBackWithItsLineNumberWhateverTheDecoration(
            @ForAll @Size(max = 30) List<@Size(20) byte[]> hashes, @ForAll("decoration") List<String> noise,
            @ForAll boolean crlf, @ForAll boolean upper, @ForAll boolean finalNewline) throws IOException {
        StringBuilder body = new StringBuilder();
        List<Long> expectedLines = new ArrayList<>();
        long line = 0;
        String eol = crlf ? "\r\n" : "\n";
        for (int i = 0; i < hashes.size(); i++) {
            if (i < noise.size()) {
                body.append(noise.get(i)).append(eol);
                line++;
            }
            String hex = HexFormat.of().formatHex(hashes.get(i));
            body.append(i % 2 == 0 ? " \t" : "").append(upper ? hex.toUpperCase() : hex).append(i % 3 == 0 ? "  " : "");
            line++;
            expectedLines.add(line);
            if (i < hashes.size() - 1 || finalNewline) {
                body.append(eol);
            }
        }
        List<HashLines.Line> read = readAll(body.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(read).allMatch(HashLines.Line::valid);
        assertThat(read).extracting(HashLines.Line::number).containsExactlyElementsOf(expectedLines);
        assertThat(read).extracting(l -> l.hash()).containsExactlyElementsOf(hashes.stream().map(InfoHash::of).toList());
    }

    @Provide
    Arbitrary<List<String>> decoration() {
        return Arbitraries.of("", " ", "\t", "# a comment", "   # indented comment", "#")
                .list().ofMaxSize(30);
    }

    /** Fuzz: any bytes at all give lines or nothing, never an exception, and an invalid line always says why. */
    @Property
    void anyBytesNeverThrow(@ForAll @Size(max = 2000) byte[] body) throws IOException {
        for (HashLines.Line l : readAll(body)) {
            assertThat(l.number()).isPositive();
            assertThat(l.valid()).isEqualTo(l.problem() == null);
        }
    }

    @Property
    void aLineOfAnyOtherLengthIsInvalidWithItsLength(@ForAll @IntRange(min = 1, max = 200) int length) throws IOException {
        String line = "a".repeat(length);
        List<HashLines.Line> read = readAll(("0".repeat(40) + "\n" + line + "\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(read).hasSize(2);
        if (length == 40) {
            assertThat(read.get(1).valid()).isTrue();
        } else {
            assertThat(read.get(1).number()).isEqualTo(2);
            assertThat(read.get(1).problem()).isEqualTo("wrong length: " + length + " characters, expected 40 hex digits");
        }
    }

    @Example
    void nonHexIsReportedWithItsColumnAndControlBytesEscaped() throws IOException {
        String hex = "0".repeat(40);
        List<HashLines.Line> read = readAll((hex.substring(0, 5) + "x" + hex.substring(6) + "\n"
                + hex.substring(0, 39) + "\u0001\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(read).extracting(HashLines.Line::problem)
                .containsExactly("not hex: 'x' at column 6", "not hex: '\\x01' at column 40");
    }

    /** A line of megabytes is held in a fixed buffer and reported, and the lines after it still count. */
    @Example
    void aHugeLineIsBoundedAndReported() throws IOException {
        InputStream body = new InputStream() {
            private long left = 10_000_000;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }
        };
        InputStream withNext = new java.io.SequenceInputStream(body,
                new ByteArrayInputStream(("\n" + "1".repeat(40)).getBytes(StandardCharsets.US_ASCII)));
        HashLines lines = new HashLines(withNext);
        HashLines.Line first = lines.next();
        assertThat(first.problem()).isEqualTo("longer than 256 characters");
        HashLines.Line second = lines.next();
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.valid()).isTrue();
        assertThat(lines.next()).isNull();
    }

    @Example
    void blankAndCommentOnlyBodiesHaveNoLines() throws IOException {
        assertThat(readAll(new byte[0])).isEmpty();
        assertThat(readAll("\n\n# nothing\r\n   \n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
