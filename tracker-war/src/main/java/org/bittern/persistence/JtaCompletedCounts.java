package org.bittern.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Map;
import org.bittern.bittorrent.InfoHash;
import org.bittern.completed.CompletedCountsDatabase;
import org.bittern.completed.CompletedCountsSql;

/**
 * The WAR's {@link CompletedCountsDatabase}: the shared SQL in a JTA transaction of the WAR's persistence unit,
 * whose datasource is the one the admin API uses. Only called when {@code tracker.db.url} is set (the feature is off
 * without it).
 */
@ApplicationScoped
public class JtaCompletedCounts implements CompletedCountsDatabase {

    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    @Override
    @Transactional
    public Map<InfoHash, Long> add(Map<InfoHash, Long> increments) {
        return CompletedCountsSql.add(em, increments);
    }

    @Override
    @Transactional
    public Map<InfoHash, Long> read(Collection<InfoHash> hashes) {
        return CompletedCountsSql.read(em, hashes);
    }
}
