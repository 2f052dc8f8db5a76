package org.bittern.persistence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import java.util.logging.Logger;
import org.bittern.config.ConfigException;
import org.bittern.config.ConfigValues;
import org.bittern.config.DatabaseConfig;
import org.bittern.db.Migrations;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs the Flyway migrations once when the WAR starts ({@code tracker.db.migrate}, default true, and only with
 * {@code tracker.db.url}). The lists snapshot asks for it before its first load ({@link DatabaseSchema}); the start-up
 * observer covers a WAR with the lists off. A failed migration fails the deployment with one line saying why.
 */
@ApplicationScoped
public class DatabaseMigration implements DatabaseSchema {

    public static final String MIGRATE = "tracker.db.migrate";

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    private boolean done;

    void atStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
            Object event) {
        ensureCurrent();
    }

    @Override
    public synchronized void ensureCurrent() {
        if (!done) {
            migrate(ConfigProvider.getConfig());
            done = true;
        }
    }

    /** @return what Flyway did, or empty when there is no database or migrating at start is off */
    static Optional<MigrateResult> migrate(Config config) {
        Optional<DatabaseConfig> database = DatabaseConfig.from(config);
        if (database.isEmpty()) {
            return Optional.empty();
        }
        if (!ConfigValues.bool(config, MIGRATE, true)) {
            LOG.info(() -> "Bittern database: " + MIGRATE + " is false, the schema is left as it is");
            return Optional.empty();
        }
        MigrateResult result;
        try {
            result = Migrations.migrate(database.get());
        } catch (RuntimeException e) {
            ConfigException failure = new ConfigException(MIGRATE, "database migration failed, not starting ("
                    + database.get() + "): " + summary(e.getMessage()));
            LOG.severe(() -> "Bittern " + failure.getMessage());
            throw failure;
        }
        LOG.info(() -> "Bittern database: schema at version " + result.targetSchemaVersion + ", "
                + result.migrationsExecuted + " migration(s) applied now");
        return Optional.of(result);
    }

    /**
     * Flyway's messages are a headline ("Migration V2__x.sql failed"), a rule, then {@code Name : value} lines; the
     * headline and the database's own message make the one line an operator needs.
     */
    static String summary(String flywayMessage) {
        if (flywayMessage == null) {
            return "no message";
        }
        String[] lines = flywayMessage.strip().split("\\R");
        String summary = lines[0].strip();
        for (String line : lines) {
            if (line.startsWith("Message") && line.contains(":")) {
                String message = line.substring(line.indexOf(':') + 1).strip();
                if (!summary.contains(message)) {
                    summary += " (" + message + ")";
                }
            }
        }
        return summary;
    }
}
