package org.bittern.completed;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.bittern.bittorrent.InfoHash;

/**
 * {@link CompletedCountsDatabase} on a RESOURCE_LOCAL persistence unit (the sidecar's; Java SE has no
 * {@code @Transactional}, so each call runs its own {@link EntityTransaction}).
 */
public final class ResourceLocalCompletedCounts implements CompletedCountsDatabase {

    private final EntityManagerFactory factory;

    public ResourceLocalCompletedCounts(EntityManagerFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public Map<InfoHash, Long> add(Map<InfoHash, Long> increments) {
        return inTransaction(em -> CompletedCountsSql.add(em, increments));
    }

    @Override
    public Map<InfoHash, Long> read(Collection<InfoHash> hashes) {
        return inTransaction(em -> CompletedCountsSql.read(em, hashes));
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            try {
                if (tx.isActive()) {
                    tx.rollback();
                }
            } catch (RuntimeException e) {
                // The connection is gone; the original failure is the one to report.
            } finally {
                em.close();
            }
        }
    }
}
