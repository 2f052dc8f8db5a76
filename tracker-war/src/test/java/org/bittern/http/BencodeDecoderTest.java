package org.bittern.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The checker must itself be right: it accepts canonical bencode and rejects what BEP 3 forbids. */
class BencodeDecoderTest {

    private static Object decode(String s) {
        return BencodeDecoder.decodeValue(s.getBytes(US_ASCII));
    }

    @Test
    void decodesAllTypes() {
        Object v = decode("d1:ai-42e1:bl4:spami0ee1:cd0:0:ee");
        assertThat(v).isInstanceOf(Map.class);
        Map<String, Object> m = BencodeDecoder.dict(v);
        assertThat(m.get("a")).isEqualTo(-42L);
        List<Object> list = BencodeDecoder.list(m.get("b"));
        assertThat(list.get(0)).isEqualTo("spam");
        assertThat(BencodeDecoder.bytes(list.get(0))).isEqualTo("spam".getBytes(US_ASCII));
        assertThat(list.get(1)).isEqualTo(0L);
        assertThat(BencodeDecoder.dict(m.get("c"))).containsOnlyKeys("");
    }

    @Test
    void rawByteOrderNotSignedOrder() {
        // 0x80 sorts after 'z' as an unsigned byte (raw string order), though it is negative as a Java byte.
        byte[] ok = {'d', '1', ':', 'z', 'i', '1', 'e', '1', ':', (byte) 0x80, 'i', '2', 'e', 'e'};
        assertThat(BencodeDecoder.decode(ok)).hasSize(2);
        byte[] bad = {'d', '1', ':', (byte) 0x80, 'i', '2', 'e', '1', ':', 'z', 'i', '1', 'e', 'e'};
        assertThatThrownBy(() -> BencodeDecoder.decode(bad)).hasMessageContaining("not sorted");
    }

    @Test
    void binaryStringsKeepEveryByte() {
        byte[] in = {'3', ':', 0, (byte) 0xff, (byte) 0x80};
        assertThat(BencodeDecoder.bytes(BencodeDecoder.decodeValue(in))).containsExactly(0, 0xff, 0x80);
    }

    @Test
    void topLevelMustBeADictionaryForDecode() {
        assertThatThrownBy(() -> BencodeDecoder.decode("i1e".getBytes(US_ASCII)))
                .isInstanceOf(BencodeDecoder.DecodeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "d1:bi1e1:ai2ee",    // unsorted keys
            "d1:ai1e1:ai2ee",    // duplicate key
            "d8:intervali1e8:completei1ee", // the Chihaya #520 shape
            "i-0e", "i03e", "ie", "i1", "i12a3e",
            "03:abc", "4:abc", "1:ab", "x", "", "l", "d1:a", "i1ei2e",
    })
    void rejectsNonCanonical(String s) {
        assertThatThrownBy(() -> decode(s)).isInstanceOf(BencodeDecoder.DecodeException.class);
    }
}
