package org.bittern.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.bittern.bittorrent.InfoHash;
import org.bittern.persistence.ListedTorrent;

/** The admin API's single-row work on {@code torrent_list}, through JPA in JTA transactions. */
@ApplicationScoped
public class ListedTorrents {

    /** {@code created_by} of every row the admin API writes. */
    public static final String CREATED_BY = "admin-api";
    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    /** What {@link #add} did. */
    public enum Outcome {
        CREATED, ALREADY_LISTED, ON_OTHER_LIST
    }

    /** The row as it is after the call, and what happened. */
    public record Added(Outcome outcome, ListedTorrent row) {
    }

    /**
     * Lists the torrent unless it is listed already. Repeating the same call changes nothing (the stored name is
     * kept); asking for the other list than the one it is on changes nothing either and says so (the caller answers
     * 409: moving a torrent between allow and deny is a deliberate DELETE then POST). Two calls racing for the same
     * new hash: one inserts, the other fails with {@link #lostRace} and is asked again.
     */
    @Transactional
    public Added add(NewTorrent torrent) {
        ListedTorrent existing = em.find(ListedTorrent.class, torrent.infoHash().toBytes());
        if (existing != null) {
            return new Added(existing.list() == torrent.list() ? Outcome.ALREADY_LISTED : Outcome.ON_OTHER_LIST,
                    existing);
        }
        ListedTorrent row = new ListedTorrent(torrent.infoHash(), torrent.list(), torrent.name(), CREATED_BY);
        em.persist(row);
        em.flush();
        return new Added(Outcome.CREATED, row);
    }

    /** Whether {@code e} is the primary key refusing a row another transaction inserted first (SQL state 23505). */
    public static boolean lostRace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Transactional
    public Optional<ListedTorrent> find(InfoHash hash) {
        return Optional.ofNullable(em.find(ListedTorrent.class, hash.toBytes()));
    }

    /** @return whether there was a row to delete */
    @Transactional
    public boolean delete(InfoHash hash) {
        return em.createQuery("DELETE FROM ListedTorrent t WHERE t.infoHash = :hash")
                .setParameter("hash", hash.toBytes())
                .executeUpdate() > 0;
    }

    @Transactional
    public long count() {
        return em.createQuery("SELECT count(t) FROM ListedTorrent t", Long.class).getSingleResult();
    }

    /** In info_hash order, so pages are stable while rows are added elsewhere. */
    @Transactional
    public List<ListedTorrent> page(int offset, int limit) {
        return em.createQuery("SELECT t FROM ListedTorrent t ORDER BY t.infoHash", ListedTorrent.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }
}
