package org.bittern.lists;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.bittern.bittorrent.InfoHash;

/** Stands in for {@link TorrentListsProducer} in a container test: an allow list of one torrent, no database. */
@ApplicationScoped
public class FixedListProducer {
    static final InfoHash LISTED = InfoHash.fromHex("aa".repeat(20));

    @Produces
    @Singleton
    TorrentLists lists() {
        return TorrentLists.fixed(ListsMode.ALLOW, InfoHashSet.of(List.of(LISTED)));
    }
}
