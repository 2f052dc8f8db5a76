package org.bittern.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bittern.bittorrent.InfoHash;
import org.junit.jupiter.api.Test;

/** The decision of {@code tracker.lists.mode}, without a container or a database. */
class TorrentApprovalTest {

    private static final InfoHash LISTED = InfoHash.fromHex("aa".repeat(20));
    private static final InfoHash OTHER = InfoHash.fromHex("bb".repeat(20));
    private static final InfoHashSet LIST = InfoHashSet.of(List.of(LISTED));

    @Test
    void offApprovesEverythingWithoutAList() {
        assertThat(TorrentApproval.approved(ListsMode.OFF, null, LISTED)).isTrue();
        assertThat(TorrentApproval.approved(ListsMode.OFF, LIST, OTHER)).isTrue();
    }

    @Test
    void allowApprovesOnlyListedTorrents() {
        assertThat(TorrentApproval.approved(ListsMode.ALLOW, LIST, LISTED)).isTrue();
        assertThat(TorrentApproval.approved(ListsMode.ALLOW, LIST, OTHER)).isFalse();
    }

    @Test
    void denyRefusesOnlyListedTorrents() {
        assertThat(TorrentApproval.approved(ListsMode.DENY, LIST, LISTED)).isFalse();
        assertThat(TorrentApproval.approved(ListsMode.DENY, LIST, OTHER)).isTrue();
    }

    @Test
    void beforeTheFirstLoadBothModesRefuse() {
        assertThat(TorrentApproval.approved(ListsMode.ALLOW, null, LISTED)).isFalse();
        assertThat(TorrentApproval.approved(ListsMode.DENY, null, OTHER)).isFalse();
    }

    @Property(tries = 500)
    void allowAndDenyAreOppositesOnTheSameList(@ForAll @Size(20) byte[] hash) {
        InfoHash h = InfoHash.of(hash);
        assertThat(TorrentApproval.approved(ListsMode.ALLOW, LIST, h))
                .isNotEqualTo(TorrentApproval.approved(ListsMode.DENY, LIST, h));
    }

    @Test
    void aFixedListAnswersLikeTheRule() {
        TorrentLists lists = TorrentLists.fixed(ListsMode.ALLOW, LIST);
        assertThat(lists.approved(LISTED)).isTrue();
        assertThat(lists.approved(OTHER)).isFalse();
        assertThat(lists.status().state()).isEqualTo(ListsStatus.State.CURRENT);
        assertThat(lists.status().entries()).isEqualTo(1);
        assertThat(TorrentLists.off().status().state()).isEqualTo(ListsStatus.State.OFF);
    }
}
