package org.bittern.completed;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bittern.bittorrent.InfoHash;

/**
 * The SQL of the completed counts, in one place, on whatever {@link EntityManager} the caller's persistence unit
 * gives (RESOURCE_LOCAL in the sidecar, JTA in the WAR); the caller owns the transaction. Native queries: an
 * {@code INSERT ... ON CONFLICT ... RETURNING} has no JPQL form, and adding in SQL (rather than reading an entity,
 * adding, writing it back) is what keeps concurrent processes from losing each other's increments.
 */
public final class CompletedCountsSql {

    /** Rows per statement: two parameters each, far below PostgreSQL's 65535, and few round trips. */
    static final int ROWS_PER_STATEMENT = 500;

    private static final String UPSERT_HEAD = "INSERT INTO completed_count (info_hash, completed) VALUES ";
    private static final String UPSERT_TAIL = " ON CONFLICT (info_hash) DO UPDATE"
            + " SET completed = completed_count.completed + EXCLUDED.completed RETURNING info_hash, completed";
    private static final String READ_HEAD = "SELECT info_hash, completed FROM completed_count WHERE info_hash IN (";

    private CompletedCountsSql() {
    }

    /**
     * One upsert row per torrent, in statements of up to {@value #ROWS_PER_STATEMENT} rows. Rows go in info_hash
     * order, so two processes flushing overlapping torrents lock them in the same order and cannot deadlock.
     *
     * @return the totals after the addition, by torrent
     */
    public static Map<InfoHash, Long> add(EntityManager em, Map<InfoHash, Long> increments) {
        List<InfoHash> hashes = sorted(increments.keySet());
        Map<InfoHash, Long> totals = new HashMap<>(hashes.size() * 2);
        for (int from = 0; from < hashes.size(); from += ROWS_PER_STATEMENT) {
            List<InfoHash> chunk = hashes.subList(from, Math.min(hashes.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(UPSERT_HEAD.length() + UPSERT_TAIL.length() + chunk.size() * 16)
                    .append(UPSERT_HEAD);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 1).append(", ?").append(2 * i + 2)
                        .append(')');
            }
            Query q = em.createNativeQuery(sql.append(UPSERT_TAIL).toString());
            for (int i = 0; i < chunk.size(); i++) {
                InfoHash hash = chunk.get(i);
                long increment = increments.get(hash);
                if (increment <= 0) {
                    throw new IllegalArgumentException("increment must be positive, got " + increment);
                }
                q.setParameter(2 * i + 1, hash.toBytes());
                q.setParameter(2 * i + 2, increment);
            }
            collect(q, totals);
        }
        return totals;
    }

    /** @return the totals of those of {@code hashes} that have a row */
    public static Map<InfoHash, Long> read(EntityManager em, Collection<InfoHash> hashes) {
        List<InfoHash> list = new ArrayList<>(hashes);
        Map<InfoHash, Long> totals = new HashMap<>(list.size() * 2);
        for (int from = 0; from < list.size(); from += ROWS_PER_STATEMENT) {
            List<InfoHash> chunk = list.subList(from, Math.min(list.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(READ_HEAD.length() + chunk.size() * 6).append(READ_HEAD);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?").append(i + 1);
            }
            Query q = em.createNativeQuery(sql.append(')').toString());
            for (int i = 0; i < chunk.size(); i++) {
                q.setParameter(i + 1, chunk.get(i).toBytes());
            }
            collect(q, totals);
        }
        return totals;
    }

    private static void collect(Query q, Map<InfoHash, Long> totals) {
        for (Object row : q.getResultList()) {
            Object[] columns = (Object[]) row;
            totals.put(InfoHash.of((byte[]) columns[0]), ((Number) columns[1]).longValue());
        }
    }

    private static List<InfoHash> sorted(Collection<InfoHash> hashes) {
        List<InfoHash> list = new ArrayList<>(hashes);
        list.sort(null); // InfoHash orders as PostgreSQL orders bytea: unsigned bytes
        return list;
    }
}
