package org.bittern.middleware.clientapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.bittern.bittorrent.PeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientIdTest {

    static PeerId peerId(String text) {
        return PeerId.of(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void azureusStyleIdsAreTheSixCharactersAfterTheDash() {
        assertThat(ClientId.of(peerId("-qB4650-abcdefghijkl"))).isEqualTo(ClientId.parse("qB4650"));
        assertThat(ClientId.of(peerId("-TR4050-abcdefghijkl")).toString()).isEqualTo("TR4050");
    }

    @Test
    void otherIdsAreTheirFirstSixBytes() {
        assertThat(ClientId.of(peerId("M7-2-2--abcdefghijkl")).toString()).isEqualTo("M7-2-2");
        assertThat(ClientId.of(peerId("S58B-----abcdefghijk")).toString()).isEqualTo("S58B--");
        byte[] binary = new byte[20];
        binary[0] = (byte) 0xff;
        binary[5] = 0x25;
        assertThat(ClientId.of(PeerId.of(binary)).toString()).isEqualTo("%FF%00%00%00%00%25");
    }

    @Test
    void aDashOnlyCountsAtTheStart() {
        assertThat(ClientId.of(peerId("A-qB4650-bcdefghijkl")).toString()).isEqualTo("A-qB46");
        assertThat(ClientId.of(peerId("--qB465-bcdefghijklm")).toString()).isEqualTo("-qB465");
    }

    @Test
    void parsesEscapesInEitherCase() {
        assertThat(ClientId.parse("%ff%00ab%2C%25")).isEqualTo(ClientId.parse("%FF%00ab,%25"));
        assertThat(ClientId.parse("ab cd ")).isEqualTo(ClientId.parse("ab%20cd%20"));
        assertThat(ClientId.parse("ab cd ").toString()).as("spaces escaped: configuration trims them")
                .isEqualTo("ab%20cd%20");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "qB465            | must be 6 bytes (the 6 characters after the '-' of -qB4650-, or a peer_id's first 6), got 5",
            "qB46500          | must be 6 bytes (the 6 characters after the '-' of -qB4650-, or a peer_id's first 6), got 7",
            "-qB4650-         | must be 6 bytes (the 6 characters after the '-' of -qB4650-, or a peer_id's first 6), got 8",
            "qB465%           | '%' must be followed by two hex digits (%25 for '%' itself)",
            "qB46%5           | '%' must be followed by two hex digits (%25 for '%' itself)",
            "qB46%zz          | '%' must be followed by two hex digits (%25 for '%' itself)",
            "qB46%\u0663\u0663 | '%' must be followed by two hex digits (%25 for '%' itself)",
            "qB465\u00e9      | only printable ASCII, any other byte as %XX",
            "qB46\t5          | only printable ASCII, any other byte as %XX",
    })
    void rejectsWhatIsNotSixBytes(String text, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientId.parse(text)).withMessage(reason);
    }

    @Test
    void holdsOnlySixBytes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientId(1L << 48));
    }
}
