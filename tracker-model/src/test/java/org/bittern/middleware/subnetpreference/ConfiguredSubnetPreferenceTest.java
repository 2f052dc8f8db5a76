package org.bittern.middleware.subnetpreference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.rootConfigException;
import static org.bittern.config.ConfigFixtures.withConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.Peer;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStoreProducer;
import org.bittern.store.StoreFixtures;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * subnet-preference as an interceptor of the real {@link Tracker} and memory store in a CDI container (Weld SE, as
 * in the sidecar), configured through MicroProfile Config.
 */
class ConfiguredSubnetPreferenceTest {

    private static WeldContainer container;
    private static Tracker tracker;

    private static Weld weld() {
        return new Weld("subnet-preference-test-" + UUID.randomUUID())
                .disableDiscovery()
                .addBeanClasses(Tracker.class, PeerStoreProducer.class, TrackerConfigProducer.class,
                        SubnetPreferenceProducer.class, SubnetPreferenceMiddleware.class);
    }

    @BeforeAll
    static void boot() throws Exception {
        container = withConfig(Map.of("tracker.middleware.subnet-preference.ipv4-prefix", "24",
                "tracker.middleware.subnet-preference.ipv6-prefix", "64"), () -> weld().initialize());
        tracker = container.select(Tracker.class).get();
    }

    @AfterAll
    static void shutdown() {
        container.close();
    }

    /** Eight /24s of five leechers each, 10.9.{subnet}.{host}. */
    private static void fill(Tracker t, InfoHash torrent) {
        for (int host = 1; host <= 5; host++) {
            for (int subnet = 0; subnet < 8; subnet++) {
                t.announce(announce(torrent, subnet, host));
            }
        }
    }

    @Test
    void theTrackerHandsOutTheAnnouncersSlash24First() throws Exception {
        InfoHash torrent = StoreFixtures.infoHash(51);
        fill(tracker, torrent);

        AnnounceResponse blocking = tracker.announce(announce(torrent, 6, 99));
        AnnounceResponse async = tracker.announceAsync(announce(torrent, 3, 99)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(thirdOctets(blocking).subList(0, 5)).containsOnly(6);
        assertThat(thirdOctets(blocking).subList(5, 10)).doesNotContain(6);
        assertThat(thirdOctets(async).subList(0, 5)).containsOnly(3);
    }

    @Test
    void withoutTheSectionTheSampleIsPlain() throws Exception {
        try (WeldContainer plain = withConfig(Map.of(), () -> weld().initialize())) {
            Tracker open = plain.select(Tracker.class).get();
            InfoHash torrent = StoreFixtures.infoHash(52);
            fill(open, torrent);
            int ownFirst = 0;
            for (int i = 0; i < 20; i++) {
                List<Integer> octets = thirdOctets(open.announce(announce(torrent, 6, 99)));
                ownFirst += octets.subList(0, 5).stream().allMatch(o -> o == 6) ? 1 : 0;
            }
            assertThat(ownFirst).as("own /24 first by chance only").isLessThan(20);
        }
    }

    @Test
    void anInvalidPrefixFailsTheContainerStartWithOneLine() throws Exception {
        withConfig(Map.of("tracker.middleware.subnet-preference.ipv6-prefix", "129"), () -> {
            assertThatThrownBy(() -> weld().initialize()).satisfies(e -> assertThat(rootConfigException(e))
                    .hasMessage("tracker.middleware.subnet-preference.ipv6-prefix: must be a prefix length from 1 "
                            + "to 128 (e.g. 64), got '129'"));
            return null;
        });
    }

    private static List<Integer> thirdOctets(AnnounceResponse response) {
        List<Integer> octets = new ArrayList<>();
        for (int i = 0; i < response.peers4().size(); i++) {
            octets.add(response.peers4().get(i).address()[2] & 0xff);
        }
        return octets;
    }

    private static AnnounceRequest announce(InfoHash torrent, int subnet, int host) {
        Peer peer = Peer.of(StoreFixtures.peerId(subnet * 1000 + host), new byte[] {10, 9, (byte) subnet, (byte) host},
                6881);
        return new AnnounceRequest(torrent, peer, Event.NONE, 0, 0, 100, 10, false, Map.of());
    }
}
