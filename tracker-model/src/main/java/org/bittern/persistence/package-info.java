/**
 * JPA entities of the PostgreSQL schema (Flyway migrations in the {@code db} module; the schema is never generated
 * from these classes). Plain Jakarta Persistence 3.1 annotations, so they map under Hibernate ORM 6.6 in the WAR
 * (JTA) and in the sidecar (RESOURCE_LOCAL) alike. Each persistence unit lists them by {@code <class>}:
 * {@link org.bittern.persistence.ListedTorrent}, {@link org.bittern.persistence.CompletedCount} and
 * {@link org.bittern.persistence.ListKindConverter}.
 */
package org.bittern.persistence;
