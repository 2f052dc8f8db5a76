package org.bittern.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bittern.lists.ListKind;
import org.junit.jupiter.api.Test;

class NewTorrentTest {
    private static final String HEX = "0123456789abcdef0123456789ABCDEF01234567";

    @Test
    void aCompleteBody() {
        NewTorrent t = NewTorrent.parse("{\"infoHash\":\"" + HEX + "\",\"name\":\"Debian\",\"list\":\"deny\"}");
        assertThat(t.infoHash().toHex()).isEqualTo(HEX.toLowerCase());
        assertThat(t.name()).isEqualTo("Debian");
        assertThat(t.list()).isEqualTo(ListKind.DENY);
    }

    @Test
    void nameIsOptionalAndListDefaultsToAllow() {
        NewTorrent t = NewTorrent.parse("{\"infoHash\":\"" + HEX + "\",\"name\":null}");
        assertThat(t.name()).isNull();
        assertThat(t.list()).isEqualTo(ListKind.ALLOW);
    }

    @Test
    void everyMistakeNamesTheMember() {
        assertDetail("", "empty body");
        assertDetail("[1]", "must be a JSON object");
        assertDetail("{\"infoHash\":", "malformed JSON at line 1");
        assertDetail("{}", "infoHash is required");
        assertDetail("{\"infoHash\":\"abc\"}", "infoHash: wrong length: 3 characters");
        assertDetail("{\"infoHash\":\"" + HEX.replace('a', 'g') + "\"}", "infoHash: not hex: 'g' at column 11");
        assertDetail("{\"infoHash\":7}", "infoHash must be a string, got number");
        assertDetail("{\"infoHash\":\"" + HEX + "\",\"list\":\"grey\"}", "list must be allow or deny, got \"grey\"");
        assertDetail("{\"infoHash\":\"" + HEX + "\",\"lsit\":\"deny\"}", "unknown member \"lsit\"");
        assertDetail("{\"infoHash\":\"" + HEX + "\",\"name\":\"" + "n".repeat(1025) + "\"}",
                "name is longer than 1024 characters");
    }

    private static void assertDetail(String body, String detail) {
        assertThatThrownBy(() -> NewTorrent.parse(body))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().detail()).contains(detail);
                });
    }
}
