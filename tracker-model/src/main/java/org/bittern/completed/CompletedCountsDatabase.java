package org.bittern.completed;

import java.util.Collection;
import java.util.Map;
import org.bittern.bittorrent.InfoHash;

/**
 * Where the completed counts are persisted: the table {@code completed_count}, reached through the process's own
 * persistence unit. The sidecar provides {@link ResourceLocalCompletedCounts} (RESOURCE_LOCAL, its own pool); the
 * WAR provides a {@code @Transactional} bean over its JTA unit. Both delegate to {@link CompletedCountsSql}. A
 * process without a bean of this type runs with the feature off.
 *
 * <p>Called from one background thread only ({@link CompletedCounts}), never while a request waits.
 */
public interface CompletedCountsDatabase {

    /**
     * Adds each increment to its torrent's persisted count, all in one transaction, one upsert per torrent.
     *
     * @param increments positive increments by torrent
     * @return the persisted totals after the addition, for every key of {@code increments}
     * @throws RuntimeException (a {@code PersistenceException}, typically) when the database cannot be reached or
     *         the transaction fails; nothing has been added then
     */
    Map<InfoHash, Long> add(Map<InfoHash, Long> increments);

    /**
     * @return the persisted totals of those of {@code hashes} that have a row (others have none: 0)
     * @throws RuntimeException when the database cannot be reached
     */
    Map<InfoHash, Long> read(Collection<InfoHash> hashes);
}
