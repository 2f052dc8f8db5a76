package org.bittern.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BencodeWriterTest {

    private static String text(BencodeWriter w) {
        return new String(w.toByteArray(), ISO_8859_1);
    }

    @Test
    void assertionsAreOnInTests() {
        // The sorted-key check below is an assert: these tests only mean something under -ea.
        boolean on = false;
        assert on = true;
        assertThat(on).as("surefire runs with -ea").isTrue();
    }

    @Test
    void integersIncludingExtremes() {
        BencodeWriter w = new BencodeWriter(1).listStart()
                .intValue(0).intValue(7).intValue(-7).intValue(1234567890123L)
                .intValue(Long.MAX_VALUE).intValue(Long.MIN_VALUE).end();
        assertThat(text(w)).isEqualTo("li0ei7ei-7ei1234567890123ei9223372036854775807ei-9223372036854775808ee");
    }

    @Test
    void stringsAndBytes() {
        byte[] raw = {0, (byte) 0xff, 'x', (byte) 0x80};
        BencodeWriter w = new BencodeWriter(1).listStart()
                .string("").string("spam").string("é").bytes(raw, 1, 3).end();
        byte[] out = w.toByteArray();
        assertThat(new String(out, 0, 10, ISO_8859_1)).isEqualTo("l0:4:spam2");
        assertThat(new String(out, 11, 2, UTF_8)).isEqualTo("é");
        assertThat(new String(out, 13, 2, ISO_8859_1)).isEqualTo("3:");
        assertThat(out[15]).isEqualTo((byte) 0xff);
        assertThat(out[17]).isEqualTo((byte) 0x80);
        assertThat(out[out.length - 1]).isEqualTo((byte) 'e');
    }

    @Test
    void nestedDictionariesGrowFromATinyBuffer() {
        BencodeWriter w = new BencodeWriter(0);
        w.dictStart().key("a").dictStart().key("b").listStart().string("x".repeat(100)).end().end()
                .key("c").intValue(1).end();
        assertThat(text(w)).isEqualTo("d1:ad1:bl100:" + "x".repeat(100) + "ee1:ci1ee");
    }

    @Test
    void keysOutOfOrderFailTheAssertion() {
        BencodeWriter w = new BencodeWriter().dictStart().key("interval").intValue(1);
        assertThatThrownBy(() -> w.key("complete")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("'complete' after 'interval'");
    }

    @Test
    void duplicateKeysFailTheAssertion() {
        BencodeWriter w = new BencodeWriter().dictStart().key("a").intValue(1);
        assertThatThrownBy(() -> w.key("a")).isInstanceOf(AssertionError.class);
    }

    @Test
    void rawKeysCompareUnsigned() {
        byte[] low = {'z'};
        byte[] high = {(byte) 0x80};
        BencodeWriter ok = new BencodeWriter().dictStart().key(low, 0, 1).intValue(1).key(high, 0, 1).intValue(2).end();
        assertThat(BencodeDecoder.decode(ok.toByteArray())).hasSize(2);
        BencodeWriter bad = new BencodeWriter().dictStart().key(high, 0, 1).intValue(2);
        assertThatThrownBy(() -> bad.key(low, 0, 1)).isInstanceOf(AssertionError.class);
    }

    @Test
    void orderIsTrackedPerDictionaryLevel() {
        // An inner dictionary's keys do not count against the outer one's, and vice versa.
        BencodeWriter w = new BencodeWriter().dictStart()
                .key("b").dictStart().key("z").intValue(1).end()
                .key("c").dictStart().key("a").intValue(2).end()
                .end();
        assertThat(text(w)).isEqualTo("d1:bd1:zi1ee1:cd1:ai2eee");
    }

    @Test
    void structureIsAlwaysChecked() {
        assertThatThrownBy(() -> new BencodeWriter().end()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BencodeWriter().key("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BencodeWriter().listStart().key("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BencodeWriter().dictStart().toByteArray()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BencodeWriter().dictStart().key("é")).isInstanceOf(IllegalArgumentException.class);
        BencodeWriter deep = new BencodeWriter();
        for (int i = 0; i < BencodeWriter.MAX_DEPTH; i++) {
            deep.listStart();
        }
        assertThatThrownBy(deep::listStart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resetReusesTheWriter() {
        BencodeWriter w = new BencodeWriter().dictStart().key("z").intValue(1).end();
        w.reset();
        w.dictStart().key("a").intValue(2).end();
        assertThat(text(w)).isEqualTo("d1:ai2ee");
        assertThat(w.size()).isEqualTo(8);
    }

    @Property
    void intLengthMatchesWhatIsWritten(@ForAll long v) {
        BencodeWriter w = new BencodeWriter(1).intValue(v);
        assertThat(BencodeWriter.intLength(v)).isEqualTo(w.size());
    }

    @Property
    void stringLengthMatchesWhatIsWritten(@ForAll @IntRange(max = 100_000) int len) {
        BencodeWriter w = new BencodeWriter(1).bytes(new byte[len], 0, len);
        assertThat(BencodeWriter.stringLength(len)).isEqualTo(w.size());
    }

    @Test
    void detachHandsOverAnExactlyFullBufferAndStartsOver() {
        int size = 2 + BencodeWriter.stringLength(1) + BencodeWriter.intLength(42);
        BencodeWriter w = new BencodeWriter(size).dictStart().key("a").intValue(42).end();
        byte[] first = w.detach();
        assertThat(new String(first, ISO_8859_1)).isEqualTo("d1:ai42ee");
        assertThat(w.size()).isZero();
        w.dictStart().key("b").intValue(7).end();
        assertThat(new String(w.detach(), ISO_8859_1)).isEqualTo("d1:bi7ee");
        assertThat(new String(first, ISO_8859_1)).as("not written into after detach").isEqualTo("d1:ai42ee");
    }

    @Test
    void detachTrimsAnOversizedBuffer() {
        BencodeWriter w = new BencodeWriter(1000).listStart().end();
        assertThat(w.detach()).hasSize(2);
        assertThatThrownBy(() -> new BencodeWriter().listStart().detach()).isInstanceOf(IllegalStateException.class);
    }
}
