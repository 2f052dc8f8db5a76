package org.bittern.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.bittern.config.ConfigException;
import org.bittern.config.ConfigFixtures;
import org.bittern.db.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the WAR does at start, against a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseMigrationTest {
    private EmbeddedDatabase db;

    @BeforeAll
    void start() {
        db = EmbeddedDatabase.start();
    }

    @AfterAll
    void stop() {
        db.close();
    }

    private Map<String, String> settings(String... more) {
        Map<String, String> s = new java.util.HashMap<>(Map.of("tracker.db.url", db.url(),
                "tracker.db.user", EmbeddedDatabase.USER, "tracker.db.password", EmbeddedDatabase.PASSWORD));
        for (int i = 0; i < more.length; i += 2) {
            s.put(more[i], more[i + 1]);
        }
        return s;
    }

    private boolean tableExists(String table) throws Exception {
        try (Connection c = db.connect(); ResultSet r = c.getMetaData().getTables(null, "public", table, null)) {
            return r.next();
        }
    }

    @Test
    void offLeavesTheDatabaseAloneThenOnMigratesOnce() throws Exception {
        assertThat(DatabaseMigration.migrate(ConfigFixtures.config(settings("tracker.db.migrate", "false")))).isEmpty();
        assertThat(tableExists("flyway_schema_history")).isFalse();

        assertThat(DatabaseMigration.migrate(ConfigFixtures.config(settings())).orElseThrow().migrationsExecuted)
                .isPositive();
        assertThat(tableExists("torrent_list")).isTrue();
        assertThat(DatabaseMigration.migrate(ConfigFixtures.config(settings())).orElseThrow().migrationsExecuted)
                .isZero();
    }

    @Test
    void withoutADatabaseNothingHappens() {
        assertThat(DatabaseMigration.migrate(ConfigFixtures.config(Map.of()))).isEmpty();
    }

    @Test
    void aFailureIsOneLineNamingTheKeyAndTheCause() {
        assertThatThrownBy(() -> DatabaseMigration.migrate(ConfigFixtures.config(
                "tracker.db.url", "jdbc:postgresql://127.0.0.1:1/none", "tracker.db.password", "hunter2")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).startsWith("tracker.db.migrate: database migration failed, not starting")
                            .contains("Connection to 127.0.0.1:1 refused")
                            .doesNotContain("\n", "-----", "hunter2");
                });
    }

    @Test
    void theSummaryKeepsTheHeadlineAndTheDatabaseMessage() {
        String flyway = "Migration V2__x.sql failed\n-------------------------\nSQL State  : 42601\n"
                + "Error Code : 0\nMessage    : ERROR: syntax error at or near \"CREAT\"\nLocation   : db/V2__x.sql\n";
        assertThat(DatabaseMigration.summary(flyway))
                .isEqualTo("Migration V2__x.sql failed (ERROR: syntax error at or near \"CREAT\")");
    }
}
