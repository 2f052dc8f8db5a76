package org.bittern.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.rootConfigException;
import static org.bittern.config.ConfigFixtures.withConfig;
import static org.bittern.middleware.MiddlewareFixtures.firstPeer;
import static org.bittern.middleware.MiddlewareFixtures.peerId;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.logic.Tracker;
import org.bittern.middleware.clientapproval.ClientApprovalMiddleware;
import org.bittern.middleware.clientapproval.ClientApprovalProducer;
import org.bittern.middleware.intervalvariation.IntervalVariation;
import org.bittern.middleware.intervalvariation.IntervalVariationConfig;
import org.bittern.middleware.intervalvariation.IntervalVariationMiddleware;
import org.bittern.middleware.intervalvariation.IntervalVariationProducer;
import org.bittern.store.PeerStoreProducer;
import org.bittern.store.StoreFixtures;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * client-approval and interval-variation as interceptors of the real {@link Tracker} in a CDI container (Weld SE,
 * as in the sidecar), configured through MicroProfile Config under {@code tracker.middleware.*}.
 */
class ConfiguredMiddlewareTest {

    private static final Map<String, String> CONFIGURED = Map.of(
            "tracker.middleware.client-approval.whitelist", "qB4650, TR4050",
            "tracker.middleware.interval-variation.modify-response-probability", "0.5",
            "tracker.middleware.interval-variation.max-increase-delta", "60",
            "tracker.middleware.interval-variation.modify-min-interval", "true");
    /** What the configured interval-variation decides, computed without the container. */
    private static final IntervalVariation EXPECTED = IntervalVariation.of(new IntervalVariationConfig(0.5, 60, true));

    private static WeldContainer container;
    private static Tracker tracker;

    private static Weld weld() {
        return new Weld("middleware-test-" + UUID.randomUUID())
                .disableDiscovery()
                .addBeanClasses(Tracker.class, PeerStoreProducer.class, TrackerConfigProducer.class,
                        ClientApprovalProducer.class, IntervalVariationProducer.class,
                        IntervalVariationMiddleware.class, ClientApprovalMiddleware.class);
    }

    @BeforeAll
    static void boot() throws Exception {
        container = withConfig(CONFIGURED, () -> weld().initialize());
        tracker = container.select(Tracker.class).get();
    }

    @AfterAll
    static void shutdown() {
        container.close();
    }

    @Test
    void anApprovedClientGetsItsOwnVariedIntervalsEveryTime() {
        InfoHash torrent = StoreFixtures.infoHash(1);
        PeerId raised = firstPeer(EXPECTED, "-qB4650-", torrent, true);
        PeerId unchanged = firstPeer(EXPECTED, "-TR4050-", torrent, false);
        int increase = EXPECTED.increase(torrent, raised);

        for (int i = 0; i < 3; i++) {
            AnnounceResponse answer = tracker.announce(announce(torrent, raised, 7001));
            assertThat(answer.interval()).isEqualTo(1800 + increase);
            assertThat(answer.minInterval()).isEqualTo(900 + increase);
        }
        AnnounceResponse other = tracker.announce(announce(torrent, unchanged, 7002));
        assertThat(other.interval()).isEqualTo(1800);
        assertThat(other.minInterval()).isEqualTo(900);
        assertThat(other.incomplete()).as("both were stored").isEqualTo(2);
    }

    @Test
    void anUnapprovedClientIsRefusedBeforeTheStore() {
        InfoHash torrent = StoreFixtures.infoHash(2);

        assertThatThrownBy(() -> tracker.announce(announce(torrent, peerId("-UT3550-"), 7003)))
                .isInstanceOf(ClientError.class).hasMessage("unapproved client");
        assertThatThrownBy(() -> tracker.announceAsync(announce(torrent, peerId("xqB4650-"), 7004)))
                .as("no leading dash: the client id is its first 6 bytes, 'xqB465'")
                .isInstanceOf(ClientError.class).hasMessage("unapproved client");
        assertThat(tracker.scrape(new ScrapeRequest(List.of(torrent), AddressFamily.IPV4, Map.of()))
                .files().get(0).incomplete()).isZero();
    }

    @Test
    void theAsynchronousAnnouncePassesBothToo() throws Exception {
        InfoHash torrent = StoreFixtures.infoHash(3);
        PeerId raised = firstPeer(EXPECTED, "-TR4050-", torrent, true);

        AnnounceResponse answer = tracker.announceAsync(announce(torrent, raised, 7005)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(answer.interval()).isEqualTo(1800 + EXPECTED.increase(torrent, raised));
    }

    @Test
    void withoutTheirKeysBothAreOff() throws Exception {
        try (WeldContainer plain = withConfig(Map.of(), () -> weld().initialize())) {
            Tracker open = plain.select(Tracker.class).get();
            InfoHash torrent = StoreFixtures.infoHash(4);
            for (int n = 0; n < 20; n++) {
                AnnounceResponse answer = open.announce(announce(torrent, StoreFixtures.peerId(n), 7100 + n));
                assertThat(answer.interval()).isEqualTo(1800);
                assertThat(answer.minInterval()).isEqualTo(900);
            }
        }
    }

    @Test
    void anInvalidSectionFailsTheContainerStartWithOneLine() throws Exception {
        withConfig(Map.of("tracker.middleware.client-approval.whitelist", "qB4650",
                "tracker.middleware.client-approval.blacklist", "UT3550"), () -> {
            assertThatThrownBy(() -> weld().initialize()).satisfies(e -> assertThat(rootConfigException(e))
                    .hasMessage("tracker.middleware.client-approval.blacklist: must not be set together with "
                            + "tracker.middleware.client-approval.whitelist; keep one of them"));
            return null;
        });
        withConfig(Map.of("tracker.middleware.interval-variation.modify-response-probability", "0.5",
                "tracker.middleware.interval-variation.max-increase-delta", "2m"), () -> {
            assertThatThrownBy(() -> weld().initialize()).satisfies(e -> assertThat(rootConfigException(e).key())
                    .isEqualTo("tracker.middleware.interval-variation.max-increase-delta"));
            return null;
        });
    }

    private static AnnounceRequest announce(InfoHash torrent, PeerId peerId, int port) {
        return new AnnounceRequest(torrent, Peer.of(peerId, InetAddress.getLoopbackAddress(), port), Event.STARTED,
                0, 0, 100, 10, false, Map.of());
    }
}
