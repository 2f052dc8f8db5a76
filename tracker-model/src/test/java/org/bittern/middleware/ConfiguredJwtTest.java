package org.bittern.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.bittern.config.ConfigFixtures.rootConfigException;
import static org.bittern.config.ConfigFixtures.withConfig;
import static org.bittern.middleware.MiddlewareFixtures.peerId;

import com.nimbusds.jose.jwk.ECKey;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.health.ReadinessCheck;
import org.bittern.logic.Tracker;
import org.bittern.middleware.clientapproval.ClientApprovalMiddleware;
import org.bittern.middleware.clientapproval.ClientApprovalProducer;
import org.bittern.middleware.jwt.JwksServer;
import org.bittern.middleware.jwt.JwtFixtures;
import org.bittern.middleware.jwt.JwtMiddleware;
import org.bittern.middleware.jwt.JwtProducer;
import org.bittern.store.PeerStoreProducer;
import org.bittern.store.StoreFixtures;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** jwt as an interceptor of the real {@link Tracker} in Weld SE, configured through MicroProfile Config. */
class ConfiguredJwtTest {
    private static final ECKey KEY = JwtFixtures.ecKey("weld");

    private static JwksServer jwks;
    private static WeldContainer container;
    private static Tracker tracker;

    private static Weld weld() {
        return new Weld("jwt-test-" + UUID.randomUUID())
                .disableDiscovery()
                .addBeanClasses(Tracker.class, PeerStoreProducer.class, TrackerConfigProducer.class,
                        ClientApprovalProducer.class, ClientApprovalMiddleware.class, JwtProducer.class,
                        JwtMiddleware.class);
    }

    private static Map<String, String> config(String jwksUrl) {
        return Map.of(
                "tracker.middleware.client-approval.blacklist", "UT3550",
                "tracker.middleware.jwt.issuer", JwtFixtures.ISSUER,
                "tracker.middleware.jwt.audience", JwtFixtures.AUDIENCE,
                "tracker.middleware.jwt.jwks-url", jwksUrl);
    }

    @BeforeAll
    static void boot() throws Exception {
        jwks = new JwksServer(JwtFixtures.jwks(KEY));
        container = withConfig(config(jwks.url().toString()), () -> weld().initialize());
        tracker = container.select(Tracker.class).get();
        ReadinessCheck keys = container.select(ReadinessCheck.class).get();
        await().atMost(Duration.ofSeconds(10)).until(keys::ready);
    }

    @AfterAll
    static void shutdown() {
        container.close();
        jwks.close();
    }

    @Test
    void anAnnounceWithAValidTokenIsStoredOthersAreRefused() throws Exception {
        InfoHash torrent = StoreFixtures.infoHash(11);
        String token = JwtFixtures.token(KEY, torrent);

        assertThat(tracker.announce(announce(torrent, "-qB4650-", 7001, Map.of("jwt", token))).incomplete())
                .isEqualTo(1);
        assertThat(tracker.announceAsync(announce(torrent, "-TR4050-", 7002, Map.of("jwt", token)))
                .toCompletableFuture().get(5, TimeUnit.SECONDS).incomplete()).isEqualTo(2);
        assertThatThrownBy(() -> tracker.announce(announce(torrent, "-qB4650-", 7003, Map.of())))
                .isInstanceOf(ClientError.class).hasMessage("unapproved request: missing jwt");
        assertThatThrownBy(() -> tracker.announceAsync(announce(torrent, "-qB4650-", 7004,
                Map.of("jwt", JwtFixtures.token(KEY, StoreFixtures.infoHash(12))))))
                .isInstanceOf(ClientError.class).hasMessage("unapproved request: invalid jwt");
        assertThatThrownBy(() -> tracker.announce(announce(torrent, "-UT3550-", 7005, Map.of("jwt", token))))
                .as("client-approval comes first").hasMessage("unapproved client");
        assertThat(tracker.scrape(new ScrapeRequest(List.of(torrent), AddressFamily.IPV4, Map.of()))
                .files().get(0).incomplete()).as("scrape needs no token; the refused were not stored").isEqualTo(2);
    }

    @Test
    void anUnreachableJwksAtStartLeavesTheContainerUpButNotReady() throws Exception {
        JwksServer down = new JwksServer("{}");
        String url = down.url().toString();
        down.close();
        try (WeldContainer started = withConfig(config(url), () -> weld().initialize())) {
            assertThat(started.select(ReadinessCheck.class).get().ready()).isFalse();
            InfoHash torrent = StoreFixtures.infoHash(13);
            assertThatThrownBy(() -> started.select(Tracker.class).get().announce(announce(torrent, "-qB4650-", 7006,
                    Map.of("jwt", JwtFixtures.token(KEY, torrent))))).hasMessage("unapproved request: invalid jwt");
        }
    }

    @Test
    void anIncompleteSectionFailsTheStartNamingTheKey() throws Exception {
        withConfig(Map.of("tracker.middleware.jwt.issuer", "quay"), () -> {
            assertThatThrownBy(() -> weld().initialize()).satisfies(e -> assertThat(rootConfigException(e).key())
                    .isEqualTo("tracker.middleware.jwt.audience"));
            return null;
        });
    }

    private static AnnounceRequest announce(InfoHash torrent, String client, int port, Map<String, String> params) {
        return new AnnounceRequest(torrent, Peer.of(peerId(client), InetAddress.getLoopbackAddress(), port),
                Event.STARTED, 0, 0, 100, 10, false, params);
    }
}
