package org.bittern.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The datasource of the persistence unit {@code tracker}, defined from MicroProfile Config ({@code tracker.db.*},
 * design §7). {@code ${MPCONFIG=...}} is Payara's syntax; WildFly needs a server-side datasource under the same JNDI
 * name (README). Nothing connects until something uses it: without {@code tracker.db.url} the admin API answers
 * 503 before it would, and Hibernate does not read JDBC metadata at boot (persistence.xml).
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
}
