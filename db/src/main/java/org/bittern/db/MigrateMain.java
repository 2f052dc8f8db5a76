package org.bittern.db;

import java.io.PrintStream;
import java.util.ServiceConfigurationError;
import org.bittern.config.ConfigException;
import org.bittern.config.DatabaseConfig;
import org.bittern.config.TrackerConfig.Keys;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The operator's command: brings the database of {@code tracker.db.*} up to this release's schema and exits.
 * Reads the same settings as the tracker (the YAML file of {@code BITTERN_CONFIG}, then environment variables such
 * as {@code TRACKER_DB_URL}, then system properties):
 *
 * <pre>TRACKER_DB_URL=jdbc:postgresql://db:5432/bittern TRACKER_DB_USER=bittern TRACKER_DB_PASSWORD=... \
 *     java -jar db/target/tracker-db.jar</pre>
 *
 * Exit status 0 when the schema is current, 2 for a configuration problem, 1 when the migration failed.
 */
public final class MigrateMain {

    private MigrateMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(ConfigProvider.getConfig(), System.out, System.err);
        } catch (RuntimeException | ServiceConfigurationError e) {
            // The YAML source fails while the config is built (inside the ServiceLoader), before run() sees it.
            ConfigException config = configException(e);
            if (config == null) {
                throw e;
            }
            System.err.println(config.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    static int run(Config config, PrintStream out, PrintStream err) {
        DatabaseConfig database;
        try {
            database = DatabaseConfig.from(config).orElseThrow(
                    () -> new ConfigException(Keys.DB_URL, "required: the database to migrate"));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            MigrateResult result = Migrations.migrate(database);
            if (result.migrationsExecuted == 0) {
                // Flyway leaves the target version unset when it had nothing to do.
                out.println("Bittern schema at version " + result.initialSchemaVersion + " (already current)");
            } else {
                out.println("Bittern schema at version " + result.targetSchemaVersion + " ("
                        + result.migrationsExecuted + " migration(s) applied, from "
                        + (result.initialSchemaVersion == null ? "an empty schema"
                                : "version " + result.initialSchemaVersion) + ")");
            }
            return 0;
        } catch (FlywayException e) {
            err.println("migration failed: " + firstLine(e.getMessage()));
            return 1;
        }
    }

    private static ConfigException configException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        return null;
    }

    /** Flyway's messages go on with a ruled table of SQL state and error code; the first line says it all. */
    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }
}
