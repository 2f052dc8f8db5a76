package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.udp.Datagrams.concat;
import static org.bittern.udp.Datagrams.urlData;

import java.nio.ByteBuffer;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bittern.bittorrent.ClientError;
import org.junit.jupiter.api.Test;

class Bep41OptionsTest {

    private static Map<String, String> parse(byte[] options) {
        return Bep41Options.parse(ByteBuffer.wrap(options), 0);
    }

    @Test
    void noOptionsGiveNoParameters() {
        assertThat(parse(new byte[0])).isEmpty();
        assertThat(parse(new byte[] {Bep15.OPTION_END})).isEmpty();
    }

    @Test
    void urlDataChunksAreJoinedBeforeTheQueryIsSplit() {
        // BEP 41's own example splits the URL in the middle of a parameter.
        byte[] options = concat(urlData("/announce?jw"), urlData("t=abc.def&key=1"), new byte[] {Bep15.OPTION_END});

        assertThat(parse(options)).containsExactlyInAnyOrderEntriesOf(Map.of("jwt", "abc.def", "key", "1"));
    }

    @Test
    void nopsAreSkippedAndEndStopsParsing() {
        byte[] options = concat(new byte[] {Bep15.OPTION_NOP, Bep15.OPTION_NOP}, urlData("/a?x=1"),
                new byte[] {Bep15.OPTION_END}, urlData("&y=2"));

        assertThat(parse(options)).containsExactly(Map.entry("x", "1"));
    }

    @Test
    void anUnknownOptionIsSkippedByItsLength() {
        byte[] options = concat(new byte[] {(byte) 0x7f, 3, 'z', 'z', 'z'}, urlData("/a?x=1"));

        assertThat(parse(options)).containsExactly(Map.entry("x", "1"));
    }

    @Test
    void valuesArePercentDecodedAsUtf8AndPlusStaysPlus() {
        assertThat(parse(urlData("/a?name=caf%C3%A9&k=a+b"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("name", "café", "k", "a+b"));
    }

    @Test
    void anOptionRunningPastTheDatagramIsMalformed() {
        assertThatThrownBy(() -> parse(new byte[] {Bep15.OPTION_URL_DATA})).isInstanceOf(ClientError.class)
                .hasMessage(UdpErrors.MALFORMED_OPTIONS);
        assertThatThrownBy(() -> parse(new byte[] {Bep15.OPTION_URL_DATA, 5, '/', 'a'}))
                .hasMessage(UdpErrors.MALFORMED_OPTIONS);
    }

    @Test
    void aBadPercentEscapeIsMalformed() {
        assertThatThrownBy(() -> parse(urlData("/a?jwt=%zz"))).hasMessage(UdpErrors.MALFORMED_OPTIONS);
        assertThatThrownBy(() -> parse(urlData("/a?jwt=%4"))).hasMessage(UdpErrors.MALFORMED_OPTIONS);
    }

    @Test
    void aPathWithoutQueryGivesNoParameters() {
        assertThat(parse(urlData("/announce"))).isEmpty();
        assertThat(parse(urlData("/announce?"))).isEmpty();
    }

    @Property
    void anyBytesGiveParametersOrTheMalformedError(@ForAll @Size(max = 300) byte[] options) {
        try {
            assertThat(parse(options)).isNotNull();
        } catch (ClientError e) {
            assertThat(e).hasMessage(UdpErrors.MALFORMED_OPTIONS);
        }
    }
}
