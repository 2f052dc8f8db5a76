package org.bittern.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.HibernateException;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.service.UnknownUnwrapTypeException;
import org.hibernate.service.spi.Configurable;

/**
 * Hibernate's connections for the persistence unit: from the server's datasource when {@code tracker.db.datasource}
 * names one, else from the unit's {@code jta-data-source} the container hands over. That element must be a fixed
 * name (Payara does not replace properties in persistence.xml), while an explicit
 * {@code hibernate.connection.provider_class} comes first in Hibernate's choice of provider, so this is how the name
 * becomes configuration, on either server. A JTA datasource of the server enlists its connections itself.
 *
 * <p>The server's datasource is looked up at the first connection, not when the unit boots: the WAR deploys without
 * it (no {@code tracker.db.url}: nothing connects), and at a server's start a deployment can boot before the
 * datasource is bound.
 */
public class ConfiguredDataSourceConnectionProvider implements ConnectionProvider, Configurable {

    private DataSource container;
    private String serverDataSource;
    private volatile DataSource server;

    @Override
    public void configure(Map<String, Object> settings) {
        // Read while the WAR deploys: connections are also asked for from the WAR's own threads (the completed
        // counts' writer), where the context class loader need not find the WAR's configuration.
        serverDataSource = TrackerDataSource.serverDataSource(ConfigProvider.getConfig()).orElse(null);
        if (serverDataSource == null) {
            if (!(settings.get(AvailableSettings.DATASOURCE) instanceof DataSource given)) {
                throw new HibernateException("the persistence unit's jta-data-source was not handed over as a DataSource");
            }
            container = given;
        }
    }

    private DataSource dataSource() {
        if (serverDataSource == null) {
            return container;
        }
        DataSource found = server;
        if (found == null) {
            found = TrackerDataSource.lookup(serverDataSource);
            server = found;
        }
        return found;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource().getConnection();
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public boolean supportsAggressiveRelease() {
        // As Hibernate's own datasource provider: a JTA datasource hands the transaction's connection back again.
        return true;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this) || DataSource.class.isAssignableFrom(type);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (DataSource.class.isAssignableFrom(type)) {
            return type.cast(dataSource());
        }
        throw new UnknownUnwrapTypeException(type);
    }
}
