package org.bittern.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bittern.admin.AdminConfig;
import org.bittern.bittorrent.InfoHash;
import org.bittern.persistence.ListedTorrent;

/** {@link TorrentNames} from the torrent list in PostgreSQL: one query for all the hashes asked about. */
@ApplicationScoped
public class ListedTorrentNames implements TorrentNames {

    private static final Logger LOG = Logger.getLogger(ListedTorrentNames.class.getName());

    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    @Inject
    AdminConfig config;

    @Override
    public Map<InfoHash, String> namesOf(Collection<InfoHash> infoHashes) {
        if (!config.database() || infoHashes.isEmpty()) {
            return Map.of();
        }
        try {
            List<ListedTorrent> rows = em.createQuery(
                            "SELECT t FROM ListedTorrent t WHERE t.infoHash IN :hashes", ListedTorrent.class)
                    .setParameter("hashes", infoHashes.stream().map(InfoHash::toBytes).toList())
                    .getResultList();
            Map<InfoHash, String> names = new HashMap<>();
            for (ListedTorrent row : rows) {
                if (row.name() != null) {
                    names.put(row.infoHash(), row.name());
                }
            }
            return names;
        } catch (PersistenceException e) {
            // The page still shows the swarms; the database's state is health's business.
            LOG.log(Level.FINE, "torrent names unavailable", e);
            return Map.of();
        }
    }
}
