package org.bittern.middleware.clientapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.middleware.clientapproval.ClientIdTest.peerId;

import java.util.Set;
import org.bittern.bittorrent.ClientError;
import org.bittern.middleware.clientapproval.ClientApprovalConfig.Mode;
import org.junit.jupiter.api.Test;

class ClientApprovalTest {

    private static ClientApproval approval(Mode mode, String... ids) {
        Set<ClientId> clients = new java.util.LinkedHashSet<>();
        for (String id : ids) {
            clients.add(ClientId.parse(id));
        }
        return ClientApproval.of(new ClientApprovalConfig(mode, clients));
    }

    @Test
    void aWhitelistApprovesOnlyItsClients() {
        ClientApproval whitelist = approval(Mode.WHITELIST, "TR4050", "qB4650", "M7-2-2");

        assertThat(whitelist.enabled()).isTrue();
        assertThat(whitelist.approves(peerId("-qB4650-abcdefghijkl"))).isTrue();
        assertThat(whitelist.approves(peerId("M7-2-2--abcdefghijkl"))).isTrue();
        assertThat(whitelist.approves(peerId("-qB4651-abcdefghijkl"))).as("another version").isFalse();
        assertThat(whitelist.approves(peerId("-qb4650-abcdefghijkl"))).as("case matters").isFalse();
        assertThat(whitelist.approves(peerId("qB4650--abcdefghijkl"))).as("no leading dash: first 6 bytes")
                .isTrue();
        assertThatThrownBy(() -> whitelist.check(peerId("-UT3550-abcdefghijkl")))
                .isInstanceOf(ClientError.class).hasMessage("unapproved client");
    }

    @Test
    void aBlacklistRefusesOnlyItsClients() {
        ClientApproval blacklist = approval(Mode.BLACKLIST, "UT3550");

        assertThat(blacklist.approves(peerId("-qB4650-abcdefghijkl"))).isTrue();
        assertThatNoException().isThrownBy(() -> blacklist.check(peerId("-TR4050-abcdefghijkl")));
        assertThatThrownBy(() -> blacklist.check(peerId("-UT3550-abcdefghijkl")))
                .isInstanceOf(ClientError.class).hasMessage(ClientApproval.REFUSAL);
    }

    @Test
    void offApprovesEveryone() {
        assertThat(ClientApproval.OFF.enabled()).isFalse();
        assertThat(ClientApproval.OFF.approves(peerId("-UT3550-abcdefghijkl"))).isTrue();
    }

    @Test
    void describesItselfForTheStartLog() {
        assertThat(approval(Mode.BLACKLIST, "UT3550", "%FF%FF%FF%FF%FF%FF", "AZ2500"))
                .hasToString("client-approval blacklist [AZ2500, UT3550, %FF%FF%FF%FF%FF%FF]");
    }
}
