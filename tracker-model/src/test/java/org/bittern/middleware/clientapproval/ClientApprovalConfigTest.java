package org.bittern.middleware.clientapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.bittern.config.ConfigException;
import org.bittern.config.YamlConfigSource;
import org.bittern.middleware.clientapproval.ClientApprovalConfig.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientApprovalConfigTest {

    @Test
    void offUnlessAListHasEntries() {
        assertThat(ClientApprovalConfig.from(config())).isEmpty();
        assertThat(ClientApprovalConfig.from(config("tracker.middleware.client-approval.whitelist", "",
                "tracker.middleware.client-approval.blacklist", " , "))).isEmpty();
    }

    @Test
    void readsAWhitelistOrABlacklist() {
        assertThat(ClientApprovalConfig.from(config("tracker.middleware.client-approval.whitelist",
                "qB4650, TR4050,qB4650")))
                .contains(new ClientApprovalConfig(Mode.WHITELIST,
                        new java.util.LinkedHashSet<>(List.of(ClientId.parse("qB4650"), ClientId.parse("TR4050")))));
        assertThat(ClientApprovalConfig.from(config("tracker.middleware.client-approval.blacklist", "UT3550"))
                .map(ClientApprovalConfig::mode)).contains(Mode.BLACKLIST);
    }

    @Test
    void readsTheListsFromTheYamlFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bittern.yaml"), """
                tracker:
                  middleware:
                    client-approval:
                      whitelist: [qB4650, "TR4050", "a,b%2Ccd"]
                """);
        Optional<ClientApprovalConfig> read = ClientApprovalConfig.from(
                new SmallRyeConfigBuilder().withSources(new YamlConfigSource(file)).build());

        assertThat(read.map(ClientApprovalConfig::clients).orElseThrow()).containsExactly(
                ClientId.parse("qB4650"), ClientId.parse("TR4050"), ClientId.parse("a,b,cd"));
    }

    @Test
    void bothListsAtOnceIsAStartError() {
        assertThatThrownBy(() -> ClientApprovalConfig.from(config(
                "tracker.middleware.client-approval.whitelist", "qB4650",
                "tracker.middleware.client-approval.blacklist", "UT3550")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracker.middleware.client-approval.blacklist: must not be set together with "
                        + "tracker.middleware.client-approval.whitelist; keep one of them");
    }

    @Test
    void aMalformedClientIdNamesTheKeyAndTheId() {
        assertThatThrownBy(() -> ClientApprovalConfig.from(config(
                "tracker.middleware.client-approval.whitelist", "qB4650,-TR4050-")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracker.middleware.client-approval.whitelist: client id '-TR4050-' must be 6 bytes (the 6 "
                        + "characters after the '-' of -qB4650-, or a peer_id's first 6), got 8");
    }

    @Test
    void aMisspeltKeyIsAStartErrorNotASilentlyOpenTracker() {
        assertThatThrownBy(() -> ClientApprovalConfig.from(config(
                "tracker.middleware.client-approval.white-list", "qB4650")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracker.middleware.client-approval.white-list: unknown key; "
                        + "tracker.middleware.client-approval takes blacklist, whitelist");
    }
}
