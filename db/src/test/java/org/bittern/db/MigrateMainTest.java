package org.bittern.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.config.ConfigFixtures.config;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's migration command, run in-process (its main only adds System.exit). */
class MigrateMainTest {

    private static EmbeddedDatabase db;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.start();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void migratesThenReportsTheSchemaCurrent() {
        Config config = config("tracker.db.url", db.url(), "tracker.db.user", EmbeddedDatabase.USER,
                "tracker.db.password", EmbeddedDatabase.PASSWORD);

        Run first = run(config);
        Run second = run(config);

        assertThat(first.status).isZero();
        assertThat(first.out).startsWith("Bittern schema at version 1 (1 migration(s) applied, from an empty schema)");
        assertThat(second.status).isZero();
        assertThat(second.out).startsWith("Bittern schema at version 1 (already current)");
    }

    @Test
    void withoutTheUrlItNamesTheKey() {
        Run run = run(config());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo("tracker.db.url: required: the database to migrate");
    }

    @Test
    void anUnreachableDatabaseFailsWithOneLine() {
        Run run = run(config("tracker.db.url", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2",
                "tracker.db.user", "nobody"));
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).startsWith("migration failed: ");
        assertThat(run.err.strip()).doesNotContain("\n");
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(Config config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MigrateMain.run(config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
