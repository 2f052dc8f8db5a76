package org.bittern.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.config;

import java.time.Duration;
import org.bittern.config.ConfigException;
import org.bittern.config.DatabaseConfig;
import org.junit.jupiter.api.Test;

class ListsConfigTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/bittern";

    @Test
    void offByDefaultWithoutADatabase() {
        ListsConfig c = ListsConfig.from(config());
        assertThat(c).isEqualTo(ListsConfig.off());
        assertThat(c.reconcileInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.readyWhileStale()).isFalse();
    }

    @Test
    void allowOrDenyWithoutTheUrlNamesTheMissingKey() {
        for (String mode : new String[] {"allow", "deny"}) {
            assertThatThrownBy(() -> ListsConfig.from(config("tracker.lists.mode", mode)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("tracker.db.url: required when tracker.lists.mode is " + mode
                            + " (the lists live in PostgreSQL)")
                    .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("tracker.db.url"));
        }
    }

    @Test
    void readsModeDatabaseAndReconcileInterval() {
        ListsConfig c = ListsConfig.from(config("tracker.lists.mode", "deny", "tracker.db.url", URL,
                "tracker.db.user", "bittern", "tracker.db.password", "s3cret", "tracker.lists.reconcile-interval",
                "90s", "tracker.lists.ready-while-stale", "true"));
        assertThat(c.mode()).isEqualTo(ListsMode.DENY);
        assertThat(c.database()).isEqualTo(new DatabaseConfig(URL, "bittern", "s3cret"));
        assertThat(c.reconcileInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.readyWhileStale()).isTrue();
    }

    @Test
    void badValuesFailWithOneLineNamingTheKey() {
        assertThatThrownBy(() -> ListsConfig.from(config("tracker.lists.mode", "whitelist")))
                .hasMessage("tracker.lists.mode: must be off, allow or deny, got 'whitelist'");
        assertThatThrownBy(() -> ListsConfig.from(config("tracker.lists.mode", "allow", "tracker.db.url", URL,
                "tracker.lists.reconcile-interval", "0s")))
                .hasMessageStartingWith("tracker.lists.reconcile-interval: must be at least 1s");
        // Checked even when the lists are off, like every key: a typo shows at the start.
        assertThatThrownBy(() -> ListsConfig.from(config("tracker.db.url", "postgres://user:pw@db/x")))
                .hasMessage("tracker.db.url: must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
    }

    @Test
    void theDatabaseConfigNeverShowsThePassword() {
        DatabaseConfig db = new DatabaseConfig("jdbc:postgresql://u:pw@db:5432/x?password=pw2", "u", "pw3");
        assertThat(db.toString()).doesNotContain("pw").contains("db:5432/x");
        assertThat(db.connectionProperties()).containsEntry("user", "u").containsEntry("password", "pw3");
    }
}
