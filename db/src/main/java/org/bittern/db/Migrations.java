package org.bittern.db;

import javax.sql.DataSource;
import org.bittern.config.DatabaseConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The Flyway migrations of Bittern's PostgreSQL schema ({@code db/migration/V*__*.sql} in this jar). Running them
 * again is harmless: Flyway applies only the missing ones and refuses a database whose applied migrations were
 * edited since (checksums).
 */
public final class Migrations {

    /** Where the SQL files are, on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    public static MigrateResult migrate(DatabaseConfig database) {
        return flyway().dataSource(database.url(), database.user(), database.password()).load().migrate();
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return flyway().dataSource(dataSource).load().migrate();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure()
                .locations(LOCATION)
                .failOnMissingLocations(true)
                // Bittern never wipes its own database, whatever a configuration file says.
                .cleanDisabled(true);
    }
}
