package org.bittern.lists;

import static org.assertj.core.api.Assertions.assertThat;

import org.bittern.bittorrent.InfoHash;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStoreProducer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The real producers with the default configuration, as the WAR and the sidecar start without a database. */
class ListsOffTest {

    @Test
    void byDefaultEveryTorrentPassesAndNoDatabaseIsTouched() {
        try (WeldContainer container = new Weld().disableDiscovery()
                .addBeanClasses(Tracker.class, PostHooks.class, PeerStoreProducer.class, TrackerConfigProducer.class,
                        TorrentListsProducer.class, TorrentApprovalMiddleware.class)
                .initialize()) {
            TorrentLists lists = container.select(TorrentLists.class).get();
            Tracker tracker = container.select(Tracker.class).get();

            assertThat(lists.mode()).isEqualTo(ListsMode.OFF);
            assertThat(lists.status().state()).isEqualTo(ListsStatus.State.OFF);
            assertThat(tracker.announce(TorrentApprovalMiddlewareTest.announce(InfoHash.fromHex("cc".repeat(20))))
                    .incomplete()).isEqualTo(1);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("bittern-lists"));
        }
    }
}
