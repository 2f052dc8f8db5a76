package org.bittern.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FailureWriterTest {

    @Test
    void exactBytesOfBep3Failure() {
        assertThat(new String(FailureWriter.write(HttpErrors.MISSING_INFO_HASH), ISO_8859_1))
                .isEqualTo("d14:failure reason17:missing info_hashe");
    }

    @Test
    void emptyAndNull() {
        assertThat(new String(FailureWriter.write(""), ISO_8859_1)).isEqualTo("d14:failure reason0:e");
        assertThatThrownBy(() -> FailureWriter.write(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void lengthCountsUtf8Bytes() {
        assertThat(new String(FailureWriter.write("ü"), ISO_8859_1)).startsWith("d14:failure reason2:");
    }

    @Test
    void everyClientMessageDecodes() throws IllegalAccessException {
        for (var f : HttpErrors.class.getFields()) {
            String reason = (String) f.get(null);
            Map<String, Object> d = BencodeDecoder.decode(FailureWriter.write(reason));
            assertThat(d).containsOnlyKeys("failure reason");
            assertThat(BencodeDecoder.text(d.get("failure reason"))).isEqualTo(reason);
        }
    }

    @Property
    void anyReasonRoundTrips(@ForAll String reason) {
        Map<String, Object> d = BencodeDecoder.decode(FailureWriter.write(reason));
        assertThat(d).containsOnlyKeys("failure reason");
        // Lone surrogates cannot be UTF-8 encoded; compare with what Java's encoder makes of them.
        String expected = new String(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(BencodeDecoder.text(d.get("failure reason"))).isEqualTo(expected);
    }
}
