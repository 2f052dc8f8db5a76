package org.bittern.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStoreProducer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The middleware around the real Tracker in Weld SE, on a fixed allow list (no database). */
class TorrentApprovalMiddlewareTest {

    private static final InfoHash UNLISTED = InfoHash.fromHex("bb".repeat(20));

    private static WeldContainer container;
    private static Tracker tracker;

    @BeforeAll
    static void boot() {
        container = new Weld().disableDiscovery()
                .addBeanClasses(Tracker.class, PostHooks.class, PeerStoreProducer.class, TrackerConfigProducer.class,
                        FixedListProducer.class, TorrentApprovalMiddleware.class)
                .initialize();
        tracker = container.select(Tracker.class).get();
    }

    @AfterAll
    static void shutdown() {
        container.close();
    }

    @Test
    void aListedTorrentIsAnnounced() {
        assertThat(tracker.announce(announce(FixedListProducer.LISTED)).incomplete()).isEqualTo(1);
    }

    @Test
    void anUnlistedTorrentIsRefusedBeforeTheStore() {
        assertThatThrownBy(() -> tracker.announce(announce(UNLISTED)))
                .isInstanceOf(ClientError.class).hasMessage("unapproved torrent");
        assertThatThrownBy(() -> tracker.announceAsync(announce(UNLISTED)))
                .isInstanceOf(ClientError.class).hasMessage("unapproved torrent");
        assertThat(tracker.scrape(new ScrapeRequest(List.of(UNLISTED), AddressFamily.IPV4, Map.of()))
                .files().get(0).incomplete()).isZero();
    }

    @Test
    void scrapesAreNotJudged() {
        assertThat(tracker.scrape(new ScrapeRequest(List.of(UNLISTED), AddressFamily.IPV4, Map.of())).files())
                .hasSize(1);
    }

    private static int port = 7000;

    static AnnounceRequest announce(InfoHash hash) {
        byte[] id = new byte[20];
        id[0] = (byte) port;
        id[1] = (byte) (port >> 8);
        return new AnnounceRequest(hash, Peer.of(PeerId.of(id), InetAddress.getLoopbackAddress(), port++),
                Event.STARTED, 0, 0, 100, 10, false, Map.of());
    }
}
