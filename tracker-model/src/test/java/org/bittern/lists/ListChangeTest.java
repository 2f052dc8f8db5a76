package org.bittern.lists;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bittern.bittorrent.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListChangeTest {

    private static final String HEX = "00ff80aa0102030405060708090a0b0c0d0e0f10";

    @Test
    void readsTheTriggersThreeForms() {
        assertThat(ListChange.parse("17:+:" + HEX + ":allow"))
                .isEqualTo(new ListChange(InfoHash.fromHex(HEX), ListKind.ALLOW));
        assertThat(ListChange.parse("18:+:" + HEX + ":deny"))
                .isEqualTo(new ListChange(InfoHash.fromHex(HEX), ListKind.DENY));
        assertThat(ListChange.parse("19:-:" + HEX)).isEqualTo(new ListChange(InfoHash.fromHex(HEX), null));
        assertThat(ListChange.parse("20:*").reload()).isTrue();
    }

    /** Anything else means "read it all again": never a wrong snapshot, at worst a full read. */
    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "1:+:" + HEX, "1:+:" + HEX + ":maybe", "1:-:abc", "1:-:" + HEX + ":x",
            "1:+:zz" + "0102030405060708090a0b0c0d0e0f101112" + ":allow", "1:~:" + HEX})
    void anythingElseAsksForAReload(String payload) {
        assertThat(ListChange.parse(payload).reload()).isTrue();
    }

    @Property(tries = 1000)
    void neverThrows(@ForAll String payload) {
        ListChange.parse(payload);
    }
}
