package org.bittern.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
import org.bittern.store.PeerStoreProducer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Tracker in a real CDI container (Weld SE), with test middleware around it. */
class MiddlewareChainTest {

    private static WeldContainer container;
    private static Tracker tracker;
    private static PostHooks postHooks;

    @BeforeAll
    static void boot() {
        container = new Weld()
                .disableDiscovery()
                .addBeanClasses(Tracker.class, PostHooks.class, PeerStoreProducer.class, TrackerConfigProducer.class,
                        BlockingObserver.class,
                        // listed out of order on purpose: @Priority alone must decide the order
                        LastMiddleware.class, RejectingMiddleware.class, FirstMiddleware.class, DisabledMiddleware.class)
                .initialize();
        tracker = container.select(Tracker.class).get();
        postHooks = container.select(PostHooks.class).get();
    }

    @AfterAll
    static void shutdown() {
        BlockingObserver.release.countDown();
        container.close();
    }

    @BeforeEach
    void reset() {
        ChainRecorder.CALLS.clear();
    }

    @Test
    void middlewareRunsInPriorityOrderAroundTheStore() {
        AnnounceResponse response = tracker.announce(announce(Map.of()));

        assertThat(ChainRecorder.CALLS).containsExactly("first", "rejecting", "last", "last-after", "first-after");
        assertThat(response.interval()).isEqualTo(LastMiddleware.REWRITTEN_INTERVAL);
        assertThat(response.incomplete()).isEqualTo(1);
    }

    @Test
    void middlewareRunsAroundTheAsynchronousAnnounceToo() throws Exception {
        AnnounceResponse response = tracker.announceAsync(announce(Map.of())).toCompletableFuture()
                .get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(ChainRecorder.CALLS).containsExactly("first", "rejecting", "last", "last-after", "first-after");
        assertThat(response.interval()).isEqualTo(LastMiddleware.REWRITTEN_INTERVAL);
        assertThatThrownBy(() -> tracker.announceAsync(announce(Map.of("reject", "1"))))
                .isInstanceOf(ClientError.class).hasMessage(RejectingMiddleware.REFUSAL);
    }

    @Test
    void aRejectingPreHookStopsTheChainWithItsClientError() {
        AnnounceRequest refused = announce(Map.of("reject", "1"));

        assertThatThrownBy(() -> tracker.announce(refused))
                .isInstanceOf(ClientError.class)
                .hasMessage(RejectingMiddleware.REFUSAL);
        assertThat(ChainRecorder.CALLS).containsExactly("first", "rejecting");
        // The store never saw the refused peer.
        assertThat(tracker.scrape(new ScrapeRequest(List.of(refused.infoHash()), AddressFamily.IPV4, Map.of()))
                .files().get(0).incomplete()).isZero();
    }

    @Test
    void scrapesPassTheChainToo() {
        tracker.scrape(new ScrapeRequest(List.of(InfoHash.of(new byte[20])), AddressFamily.IPV4, Map.of()));
        assertThat(ChainRecorder.CALLS).containsExactly("first-scrape");
    }

    @Test
    void postHooksRunOnTheirOwnThreadsAndAreBounded() {
        CountDownLatch release = new CountDownLatch(1);
        BlockingObserver.release = release;
        int seenBefore = BlockingObserver.SEEN.get();
        AnnounceRequest request = announce(Map.of());
        AnnounceResponse response = tracker.announce(request);

        int fired = PostHooks.QUEUE_CAPACITY + PostHooks.THREADS + 500;
        for (int i = 0; i < fired; i++) {
            postHooks.afterAnnounce(request, response); // returns at once although every observer blocks
        }

        assertThat(postHooks.pending()).isLessThanOrEqualTo(PostHooks.QUEUE_CAPACITY);
        assertThat(postHooks.shed()).isGreaterThanOrEqualTo(500);
        release.countDown();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> BlockingObserver.SEEN.get() - seenBefore == fired - postHooks.shed());
        assertThat(BlockingObserver.threadName).startsWith("bittern-posthook-");
    }

    private static int nextPort = 1000;

    private static AnnounceRequest announce(Map<String, String> params) {
        byte[] id = new byte[20];
        id[0] = (byte) nextPort;
        id[1] = (byte) (nextPort >> 8);
        byte[] hash = new byte[20];
        hash[0] = (byte) nextPort; // a new swarm per request keeps the tests independent
        hash[1] = (byte) (nextPort >> 8);
        hash[19] = 7;
        Peer peer = Peer.of(PeerId.of(id), InetAddress.getLoopbackAddress(), nextPort++);
        return new AnnounceRequest(InfoHash.of(hash), peer, Event.STARTED, 0, 0, 100, 10, false, params);
    }
}
