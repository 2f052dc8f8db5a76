package org.bittern.admin.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MetainfoTest {

    static byte[] torrent(String name, byte[] pieces) {
        return TorrentFiles.torrent(name, pieces);
    }

    @Test
    void theInfoHashIsTheSha1OfTheInfoDictionaryAsWritten() throws Exception {
        byte[] pieces = new byte[20];
        byte[] file = torrent("ubuntu.iso", pieces);
        // Written out by hand: the info dictionary's exact bytes, and their SHA-1 computed independently.
        String info = "d6:lengthi12345e4:name10:ubuntu.iso12:piece lengthi16384e6:pieces20:"
                + "\0".repeat(20) + "e";
        byte[] expected = MessageDigest.getInstance("SHA-1").digest(info.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).contains(info);

        Metainfo parsed = Metainfo.parse(file);

        assertThat(parsed.infoHash().toHex()).isEqualTo(HexFormat.of().formatHex(expected))
                .isEqualTo("c9d5bc1b69e1d12fc7f2a97d82e6258fa7edb6f6");
        assertThat(parsed.name()).isEqualTo("ubuntu.iso");
    }

    @Test
    void aUtf8NameIsKept() throws Exception {
        assertThat(Metainfo.parse(torrent("Übung – 例", new byte[20])).name()).isEqualTo("Übung – 例");
    }

    @Test
    void whatIsMissingIsNamed() {
        assertRefused("li1ee", "a .torrent must be a dictionary");
        assertRefused("d8:announce1:xe", "info is missing");
        assertRefused("d4:infoi1ee", "info is not a dictionary");
        assertRefused("d4:infod6:lengthi1eee", "info.name is missing");
        assertRefused("d4:infod4:namei1eee", "info.name is not a string");
        assertRefused("d4:infod4:name1:xee", "info.piece length is missing");
        assertRefused("d4:infod4:name1:x12:piece lengthi1eee", "info.pieces is missing");
        assertRefused("d4:infod4:name1:\u00ff12:piece lengthi1e6:pieces0:ee", "info.name is not UTF-8");
    }

    private static void assertRefused(String file, String message) {
        assertThatThrownBy(() -> Metainfo.parse(file.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining(message);
    }
}
