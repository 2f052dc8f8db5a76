package org.bittern.completed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.store.StoreFixtures.completed;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.ipv4Peer;

import java.util.List;
import java.util.Map;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.config.ConfigFixtures;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.logging.LogCapture;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStoreProducer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The real producers and middleware where the feature cannot run: no database configured, or (the WAR until it has
 * its adapter) a database but no {@link CompletedCountsDatabase} bean. Scrape then shows the store's own figure.
 */
class CompletedCountsOffTest {

    private static final Class<?>[] BEANS = {Tracker.class, PostHooks.class, PeerStoreProducer.class,
        TrackerConfigProducer.class, CompletedCountsProducer.class, CompletedCountsMiddleware.class};

    @Test
    void withoutADatabaseNothingIsRecordedAndNoThreadRuns() throws Exception {
        try (WeldContainer container = ConfigFixtures.withConfig(Map.of(),
                () -> new Weld().disableDiscovery().addBeanClasses(BEANS).initialize())) {
            assertOffAndScrapeIsTheStores(container);
        }
    }

    @Test
    void withADatabaseButNoPersistenceUnitItIsOffWithOneWarning() throws Exception {
        try (LogCapture log = LogCapture.of(CompletedCountsProducer.class);
                WeldContainer container = ConfigFixtures.withConfig(
                        Map.of("tracker.db.url", "jdbc:postgresql://127.0.0.1:1/none"),
                        () -> new Weld().disableDiscovery().addBeanClasses(BEANS).initialize())) {
            assertOffAndScrapeIsTheStores(container);
            assertThat(log.records()).singleElement().satisfies(r -> assertThat(r.getMessage())
                    .contains("tracker.completed.persist").contains("CompletedCountsDatabase"));
        }
    }

    private static void assertOffAndScrapeIsTheStores(WeldContainer container) {
        CompletedCounts counts = container.select(CompletedCounts.class).get();
        Tracker tracker = container.select(Tracker.class).get();
        InfoHash torrent = infoHash(77);

        tracker.announce(completed(torrent, ipv4Peer(1)));

        assertThat(counts.enabled()).isFalse();
        assertThat(counts.stats()).isEqualTo(CompletedStats.OFF);
        assertThat(tracker.scrape(new ScrapeRequest(List.of(torrent), AddressFamily.IPV4, Map.of())).files())
                .containsExactly(new SwarmStats(torrent, 1, 0, 1));
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("bittern-completed-counts"));
    }
}
