package org.bittern.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.bittern.db.ListsFollowPostgresTest.hash;
import static org.bittern.db.ListsFollowPostgresTest.insert;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;
import org.bittern.config.ConfigFixtures;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.lists.ListsMode;
import org.bittern.lists.TorrentApprovalMiddleware;
import org.bittern.lists.TorrentLists;
import org.bittern.lists.TorrentListsProducer;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStoreProducer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path as the sidecar runs it: MicroProfile Config with {@code tracker.lists.mode: allow}, the real
 * producers and middleware in Weld SE, the real Tracker, and a list changed with plain SQL meanwhile.
 */
class ApprovalOverPostgresTest {

    private static EmbeddedDatabase db;
    private static WeldContainer container;
    private static Tracker tracker;

    @BeforeAll
    static void boot() throws Exception {
        db = EmbeddedDatabase.startMigrated();
        insert(db, hash(1), "allow");
        // The producers read MicroProfile Config while the container starts, so only the start needs the config.
        container = ConfigFixtures.withConfig(Map.of(
                "tracker.lists.mode", "allow",
                "tracker.db.url", db.url(),
                "tracker.db.user", EmbeddedDatabase.USER,
                "tracker.db.password", EmbeddedDatabase.PASSWORD), () -> new Weld().disableDiscovery()
                        .addBeanClasses(Tracker.class, PostHooks.class, PeerStoreProducer.class,
                                TrackerConfigProducer.class, TorrentListsProducer.class,
                                TorrentApprovalMiddleware.class)
                        .initialize());
        tracker = container.select(Tracker.class).get();
    }

    @AfterAll
    static void shutdown() {
        container.close();
        db.close();
    }

    @Test
    void theStartWaitedForTheFirstSnapshot() {
        TorrentLists lists = container.select(TorrentLists.class).get();
        assertThat(lists.mode()).isEqualTo(ListsMode.ALLOW);
        assertThat(lists.snapshot()).isNotNull();
        assertThat(tracker.announce(announce(hash(1))).incomplete()).isEqualTo(1);
    }

    @Test
    void anUnlistedTorrentIsRefusedUntilItIsListedWithPlainSql() {
        assertThatThrownBy(() -> tracker.announce(announce(hash(2))))
                .isInstanceOf(ClientError.class).hasMessage("unapproved torrent");

        insert(db, hash(2), "allow");

        await().atMost(Duration.ofSeconds(2)).ignoreExceptionsInstanceOf(ClientError.class)
                .until(() -> tracker.announce(announce(hash(2))).incomplete() >= 1);
    }

    private static int port = 9000;

    private static AnnounceRequest announce(InfoHash hash) {
        byte[] id = new byte[20];
        id[0] = (byte) port;
        id[1] = (byte) (port >> 8);
        return new AnnounceRequest(hash, Peer.of(PeerId.of(id), InetAddress.getLoopbackAddress(), port++),
                Event.STARTED, 0, 0, 100, 10, false, Map.of());
    }
}
