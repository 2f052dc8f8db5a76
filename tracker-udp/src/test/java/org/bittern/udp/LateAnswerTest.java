package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.peerId;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bittern.config.TrackerConfig;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.StoreStats;
import org.bittern.store.StoreUnavailableException;
import org.bittern.store.memory.MemoryPeerStore;
import org.bittern.store.redis.RedisPeerStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Announces answered later, as the sidecar does on a remote store: the worker is free at once, the answer
 * leaves through the transport's {@link LateReplies}, and failures still become error packets.
 */
class LateAnswerTest {
    static final byte[] CLIENT = {127, 0, 0, 1};
    static final InetSocketAddress CLIENT_SOCKET = new InetSocketAddress("127.0.0.1", 40000);
    static final long NOW = 1_795_000_000L;

    final List<ByteBuffer> late = new CopyOnWriteArrayList<>();
    final LateReplies replies = (answer, client) -> {
        assertThat(client).isEqualTo(CLIENT_SOCKET);
        late.add(answer);
    };
    final ByteBuffer out = ByteBuffer.allocate(Bep15.MAX_RESPONSE_LENGTH);

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

    final SidecarMetrics metrics = new SidecarMetrics(() -> new StoreStats(0, 0, 0), () -> 0);

    /** A handler on a Tracker made by hand around {@code store}, answering announces late. */
    private UdpRequestHandler handler(Tracker tracker) {
        return handler(tracker, UdpConfig.DEFAULT_MAX_IN_FLIGHT);
    }

    private UdpRequestHandler handler(Tracker tracker, int maxInFlight) {
        return new UdpRequestHandler(tracker, postHooks, metrics, new ConnectionIds(ConnectionIdsTest.KEY, 150, 10), false,
                () -> NOW, maxInFlight);
    }

    private long connect(UdpRequestHandler handler) {
        assertThat(handler.handle(Datagrams.connect(1), CLIENT, out, CLIENT_SOCKET, replies)).isTrue();
        return out.getLong(8);
    }

    @Test
    void anAnnounceIsAnsweredThroughTheLateRepliesAndTheWorkerSendsNothing() {
        MemoryPeerStore store = new MemoryPeerStore(Clock.systemUTC(), Duration.ofMinutes(31));
        UdpRequestHandler handler = handler(new Tracker(store, TrackerConfig.defaults()));
        long id = connect(handler);
        handler.handle(Datagrams.announce(id, 1, infoHash(1), peerId(1), 0, 2, -1, 6881), CLIENT, out,
                CLIENT_SOCKET, replies);

        boolean now = handler.handle(Datagrams.announce(id, 2, infoHash(1), peerId(2), 9, 2, -1, 6882), CLIENT, out,
                CLIENT_SOCKET, replies);

        assertThat(now).isFalse();
        assertThat(late).hasSize(2);
        ByteBuffer answer = late.get(1);
        assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
        assertThat(answer.getInt(4)).isEqualTo(2);
        assertThat(answer.limit()).isEqualTo(Bep15.ANNOUNCE_RESPONSE_HEADER_LENGTH + 6);
    }

    @Test
    void aScrapeIsAnsweredLaterTooAndAnEmptyOneAtOnce() {
        MemoryPeerStore store = new MemoryPeerStore(Clock.systemUTC(), Duration.ofMinutes(31));
        UdpRequestHandler handler = handler(new Tracker(store, TrackerConfig.defaults()));
        long id = connect(handler);
        handler.handle(Datagrams.announce(id, 1, infoHash(2), peerId(1), 0, 2, -1, 6881), CLIENT, out,
                CLIENT_SOCKET, replies);

        assertThat(handler.handle(Datagrams.scrape(id, 5, infoHash(2)), CLIENT, out, CLIENT_SOCKET, replies)).isFalse();
        assertThat(handler.handle(Datagrams.scrape(id, 6), CLIENT, out, CLIENT_SOCKET, replies)).isTrue();

        ByteBuffer answer = late.get(1);
        assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_SCRAPE);
        assertThat(answer.getInt(4)).isEqualTo(5);
        assertThat(answer.limit()).isEqualTo(8 + 12);
        assertThat(answer.getInt(8)).as("seeders").isEqualTo(1);
        assertThat(Datagrams.errorText(out)).isEqualTo(UdpErrors.NO_INFO_HASH);
    }

    @Test
    void beyondMaxInFlightADatagramIsDroppedAndCountedAsOverload() throws IOException {
        UdpRequestHandler handler = handler(new Tracker(new ShutdownDrainTest.SlowStore(), TrackerConfig.defaults()), 2);
        long id = connect(handler);

        for (int t = 1; t <= 3; t++) {
            assertThat(handler.handle(Datagrams.announce(id, t, infoHash(t), peerId(t), 0, 2, -1, 6881), CLIENT, out,
                    CLIENT_SOCKET, replies)).isFalse();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> late.size() == 2);
        assertThat(late).extracting(answer -> answer.getInt(4)).containsExactlyInAnyOrder(1, 2);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        metrics.writeTo(text);
        assertThat(text.toString()).contains("tracker_udp_dropped_total{reason=\"overload\"} 1");
        // Once the store has answered, there is room again.
        assertThat(handler.handle(Datagrams.announce(id, 4, infoHash(4), peerId(4), 0, 2, -1, 6881), CLIENT, out,
                CLIENT_SOCKET, replies)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> late.size() == 3);
        assertThat(late.get(2).getInt(4)).isEqualTo(4);
    }

    @Test
    void aBadRequestIsStillAnsweredAtOnce() {
        MemoryPeerStore store = new MemoryPeerStore(Clock.systemUTC(), Duration.ofMinutes(31));
        UdpRequestHandler handler = handler(new Tracker(store, TrackerConfig.defaults()));
        long id = connect(handler);

        boolean now = handler.handle(Datagrams.announce(id, 3, infoHash(1), peerId(1), 0, 2, -1, 0), CLIENT, out,
                CLIENT_SOCKET, replies);

        assertThat(now).isTrue();
        assertThat(Datagrams.errorText(out)).isEqualTo(UdpErrors.INVALID_PORT);
        assertThat(late).isEmpty();
    }

    @Test
    void anUnreachableRedisGivesTheStorageErrorPacket() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort(); // free once closed: nothing listens there
        }
        try (RedisPeerStore store = new RedisPeerStore("redis://127.0.0.1:" + closedPort, "bittern-test:",
                Clock.systemUTC(), Duration.ofMinutes(31))) {
            UdpRequestHandler handler = handler(new Tracker(store, TrackerConfig.defaults()));
            long id = connect(handler);

            handler.handle(Datagrams.announce(id, 4, infoHash(1), peerId(1), 0, 2, -1, 6881), CLIENT, out,
                    CLIENT_SOCKET, replies);

            await().atMost(Duration.ofSeconds(5)).until(() -> late.size() == 1);
            assertThat(late.get(0).getInt(4)).isEqualTo(4);
            assertThat(Datagrams.errorText(late.get(0))).isEqualTo(StoreUnavailableException.MESSAGE);
        }
    }

}
