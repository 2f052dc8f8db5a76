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
        password = "${MPCONFIG=tracker.db.password}")
@ApplicationScoped
public class TrackerDataSource {
    public static final String JNDI_NAME = "java:app/jdbc/tracker";
}
