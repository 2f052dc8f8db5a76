package org.bittern.persistence;

import static org.bittern.config.ConfigValues.string;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.bittern.config.TrackerConfig.Keys;
import org.eclipse.microprofile.config.Config;

/**
 * The datasource of the persistence unit {@code tracker} and the admin API, in one of two forms:
 * <ul>
 * <li>by default the WAR's own, defined here from MicroProfile Config ({@code tracker.db.*}, design §7).
 * {@code ${MPCONFIG=...}} is Payara's syntax, which WildFly does not resolve.</li>
 * <li>a datasource of the server, named by {@code tracker.db.datasource} (WildFly: {@code bittern-datasource.cli}).
 * Hibernate takes it through {@link ConfiguredDataSourceConnectionProvider}, the admin API through
 * {@link #lookup(Config)}.</li>
 * </ul>
 * Nothing connects until something uses it: without {@code tracker.db.url} the admin API answers 503 before it
 * would, and Hibernate does not read JDBC metadata at boot (persistence.xml).
 */
@DataSourceDefinition(
        name = TrackerDataSource.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=tracker.db.url}",
        user = "${MPCONFIG=tracker.db.user}",
        password = "${MPCONFIG=tracker.db.password}",
        // Payara's pool lends idle connections unchecked: after a PostgreSQL restart each one fails the request that
        // gets it, and the completed counts' last write at shutdown has no retry. Checked as it is lent
        // (Connection.isValid), a connection PostgreSQL closed is replaced. WildFly ignores these names (WFLYJCA0016).
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation"
        })
@ApplicationScoped
public class TrackerDataSource {
    public static final String JNDI_NAME = "java:app/jdbc/tracker";

    /** {@code tracker.db.datasource}, if set: the server's datasource to use instead of {@link #JNDI_NAME}. */
    public static Optional<String> serverDataSource(Config config) {
        return string(config, Keys.DB_DATASOURCE);
    }

    /** The datasource in use (the server's or the WAR's own), looked up by its JNDI name. */
    public static DataSource lookup(Config config) {
        return lookup(serverDataSource(config).orElse(JNDI_NAME));
    }

    /** @throws IllegalStateException naming the key when nothing is bound under the name */
    static DataSource lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException((name.equals(JNDI_NAME) ? "" : Keys.DB_DATASOURCE + ": ")
                    + "no datasource under the JNDI name " + name, e);
        }
    }
}
