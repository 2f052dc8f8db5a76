package org.bittern.udp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bittern.completed.CompletedCountsDatabase;
import org.bittern.completed.ResourceLocalCompletedCounts;
import org.bittern.config.ConfigException;
import org.bittern.config.DatabaseConfig;
import org.bittern.config.TrackerConfig.Keys;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The sidecar's RESOURCE_LOCAL persistence unit ({@value #UNIT}) on a small HikariCP pool, and the
 * {@link CompletedCountsDatabase} on it. Nothing is built until a feature asks for it, which they only do when
 * {@code tracker.db.url} is set; a PostgreSQL that is down at that moment does not fail the start (the pool connects
 * lazily, Hibernate reads no metadata), the features retry on their own.
 */
@ApplicationScoped
public class SidecarPersistence {

    static final String UNIT = "bittern-sidecar";
    /** The completed counts use one connection at a time (one flusher thread); one more for whatever comes next. */
    static final int POOL_SIZE = 2;
    /** How long a caller waits for a connection; the flusher then retries with backoff. */
    static final long CONNECTION_TIMEOUT_MILLIS = 3_000;

    private static final Logger LOG = Logger.getLogger(SidecarPersistence.class.getName());
    /**
     * Hibernate logs every failed statement at WARN and ERROR; the features using the unit report their failures
     * themselves, once per outage, so an outage does not fill the log with a pair of lines per retry. Held here:
     * java.util.logging keeps loggers weakly, and a collected one would forget its level.
     */
    private static final Logger SQL_EXCEPTIONS = Logger.getLogger("org.hibernate.engine.jdbc.spi.SqlExceptionHelper");

    static {
        SQL_EXCEPTIONS.setLevel(Level.OFF);
    }

    private HikariDataSource pool;
    private EntityManagerFactory factory;

    @Produces
    @Singleton
    public CompletedCountsDatabase completedCountsDatabase() {
        return new ResourceLocalCompletedCounts(factory());
    }

    /** The unit, built on first use. */
    public synchronized EntityManagerFactory factory() {
        if (factory == null) {
            DatabaseConfig database = DatabaseConfig.from(ConfigProvider.getConfig())
                    .orElseThrow(() -> new ConfigException(Keys.DB_URL, "required for the sidecar's database"));
            pool = pool(database);
            try {
                factory = open(pool);
            } catch (RuntimeException e) {
                pool.close();
                pool = null;
                throw e;
            }
            LOG.info(() -> "Bittern UDP persistence unit " + UNIT + " on " + database + ", pool of " + POOL_SIZE);
        }
        return factory;
    }

    /** A bounded pool that starts without a reachable database. */
    static HikariDataSource pool(DatabaseConfig database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bittern-udp");
        config.setJdbcUrl(database.url());
        config.setDataSourceProperties(database.connectionProperties());
        config.addDataSourceProperty("ApplicationName", "bittern-udp");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // A stalled socket must end in an exception, not hold the flusher for ever.
        config.addDataSourceProperty("socketTimeout", "60");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setInitializationFailTimeout(-1); // start now, connect when PostgreSQL answers
        return new HikariDataSource(config);
    }

    static EntityManagerFactory open(HikariDataSource pool) {
        return Persistence.createEntityManagerFactory(UNIT, Map.of("jakarta.persistence.nonJtaDataSource", pool));
    }

    @PreDestroy
    synchronized void close() {
        if (factory != null) {
            factory.close();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
