package org.bittern.stats;

import java.util.Collection;
import java.util.Map;
import org.bittern.bittorrent.InfoHash;

/** The names operators gave listed torrents, for the status page; none for unlisted ones or without a database. */
public interface TorrentNames {

    /** Never throws: a database that does not answer gives no names. */
    Map<InfoHash, String> namesOf(Collection<InfoHash> infoHashes);
}
