package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.config.TrackerConfig;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.AnnounceResult;
import org.bittern.store.PeerStore;
import org.bittern.store.StoreFixtures;
import org.bittern.store.StoreStats;
import org.bittern.store.memory.MemoryPeerStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stopping a transport while an announce waits for a remote store: the answer still goes out before the
 * socket closes. The store here answers 300 ms late, as a slow Redis would.
 */
class ShutdownDrainTest {
    static PostHooksContainer container;
    static PostHooks postHooks;

    @BeforeAll
    static void boot() {
        container = new PostHooksContainer();
        postHooks = container.postHooks();
    }

    @AfterAll
    static void shutdown() {
        container.close();
    }

    /** The memory store, answering asynchronous announces only after a delay. */
    static final class SlowStore implements PeerStore {
        private final MemoryPeerStore memory = new MemoryPeerStore(Clock.systemUTC(), Duration.ofMinutes(31));
        private final Executor later = CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS);

        @Override
        public AnnounceResult announce(AnnounceRequest request, int numWant) {
            return memory.announce(request, numWant);
        }

        @Override
        public CompletionStage<AnnounceResult> announceAsync(AnnounceRequest request, int numWant) {
            return CompletableFuture.supplyAsync(() -> memory.announce(request, numWant), later);
        }

        @Override
        public List<SwarmStats> scrape(List<InfoHash> infoHashes) {
            return memory.scrape(infoHashes);
        }

        @Override
        public void collectGarbage() {
            memory.collectGarbage();
        }

        @Override
        public StoreStats stats() {
            return memory.stats();
        }

        @Override
        public List<SwarmStats> largestSwarms(int limit) {
            return memory.largestSwarms(limit);
        }

        @Override
        public void checkAvailable() {
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {UdpConfig.TRANSPORT_NIO, UdpConfig.TRANSPORT_EPOLL})
    void anAnswerWaitingForTheStoreIsSentBeforeTheSocketCloses(String transport) throws Exception {
        UdpConfig config = new UdpConfig(List.of(new InetSocketAddress("127.0.0.1", 0)), ConnectionIdsTest.KEY, false,
                Duration.ofMinutes(2), null, 1, 1 << 20, transport, UdpConfig.DEFAULT_MAX_IN_FLIGHT);
        SidecarMetrics metrics = new SidecarMetrics(() -> new StoreStats(0, 0, 0), () -> 0);
        AtomicReference<UdpRequestHandler> handler = new AtomicReference<>();
        Tracker tracker = new Tracker(new SlowStore(), TrackerConfig.defaults());
        Supplier<UdpRequestHandler> handlers = () -> {
            handler.set(new UdpRequestHandler(tracker, postHooks, metrics,
                    new ConnectionIds(ConnectionIdsTest.KEY, 150, 10), false, () -> System.currentTimeMillis() / 1000,
                    UdpConfig.DEFAULT_MAX_IN_FLIGHT));
            return handler.get();
        };
        UdpTransport server = UdpConfig.TRANSPORT_EPOLL.equals(transport)
                ? new EpollUdpServer(config, handlers, metrics) : new NioUdpServer(config, handlers);
        server.start();
        try (DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5_000);
            InetSocketAddress to = server.boundAddresses().get(0);
            long id = Datagrams.connect(client, to);
            ByteBuffer announce = Datagrams.announce(id, 77, StoreFixtures.infoHash(1), StoreFixtures.peerId(1), 0, 2,
                    -1, 6881);
            Datagrams.send(client, to, announce);
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.get().inFlight() == 1);

            server.close();

            ByteBuffer answer = Datagrams.receive(client);
            assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
            assertThat(answer.getInt(4)).isEqualTo(77);
        } finally {
            server.close();
        }
    }
}
