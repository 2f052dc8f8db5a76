package org.bittern.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.bittern.config.ConfigException;
import org.bittern.config.ConfigFixtures;
import org.junit.jupiter.api.Test;

class AdminConfigTest {

    @Test
    void defaultsAreOffWithoutDatabaseAnd64MiB() {
        AdminConfig config = AdminConfig.from(ConfigFixtures.config(Map.of()));
        assertThat(config.token()).isEmpty();
        assertThat(config.database()).isFalse();
        assertThat(config.maxImportBytes()).isEqualTo(64L << 20);
    }

    @Test
    void everyKeyIsRead() {
        AdminConfig config = AdminConfig.from(ConfigFixtures.config(Map.of("tracker.admin.token", "abc",
                "tracker.db.url", "jdbc:postgresql://127.0.0.1:5432/x", "tracker.admin.max-import-bytes", "1000")));
        assertThat(config.token()).get().extracting(t -> t.check("Bearer abc")).isEqualTo(AdminToken.Check.OK);
        assertThat(config.database()).isTrue();
        assertThat(config.maxImportBytes()).isEqualTo(1000);
    }

    @Test
    void aBadLimitNamesTheKey() {
        assertThatThrownBy(() -> AdminConfig.from(ConfigFixtures.config(Map.of("tracker.admin.max-import-bytes", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tracker.admin.max-import-bytes: must be a positive number of bytes");
    }
}
