package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.peerId;
import static org.bittern.udp.Datagrams.announce;
import static org.bittern.udp.Datagrams.errorText;
import static org.bittern.udp.Datagrams.scrape;
import static org.bittern.udp.Datagrams.truncated;
import static org.bittern.udp.Datagrams.urlData;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.bittern.bittorrent.InfoHash;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStoreProducer;
import org.bittern.store.StoreStats;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The datagram rules of the sidecar against the real {@link Tracker} bean in a Weld SE container, with the memory
 * store and a test middleware from tracker-model, so the interceptor chain runs as it does in the sidecar.
 */
class UdpRequestHandlerTest {
    static final byte[] CLIENT = {127, 0, 0, 1};
    static final byte[] CLIENT6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7};
    static final long NOW = 1_795_000_000L;

    static WeldContainer container;
    static UdpRequestHandler handler;
    static SidecarMetrics metrics;
    static final AtomicLong clock = new AtomicLong(NOW);
    final ByteBuffer out = ByteBuffer.allocate(Bep15.MAX_RESPONSE_LENGTH);

    @BeforeAll
    static void boot() {
        container = new Weld().disableDiscovery()
                .addBeanClasses(Tracker.class, PostHooks.class, PeerStoreProducer.class, TrackerConfigProducer.class,
                        RefusingMiddleware.class)
                .initialize();
        PostHooks postHooks = container.select(PostHooks.class).get();
        metrics = new SidecarMetrics(() -> new StoreStats(0, 0, 0), postHooks::shed);
        handler = new UdpRequestHandler(container.select(Tracker.class).get(), postHooks, metrics,
                new ConnectionIds(ConnectionIdsTest.KEY, 150, 10), false, clock::get);
    }

    @AfterAll
    static void shutdown() {
        container.close();
    }

    /** Handles one datagram; null when it was dropped. */
    private ByteBuffer send(ByteBuffer datagram, byte[] address) {
        boolean answered = handler.handle(datagram, address, out);
        handler.afterSend();
        return answered ? out : null;
    }

    private long connect(byte[] address) {
        ByteBuffer answer = send(Datagrams.connect(42), address);
        assertThat(answer.limit()).isEqualTo(Bep15.CONNECT_RESPONSE_LENGTH);
        assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_CONNECT);
        assertThat(answer.getInt(4)).isEqualTo(42);
        return answer.getLong(8);
    }

    @Test
    void connectThenAnnounceReturnsTheOtherPeersInCompactForm() {
        InfoHash torrent = infoHash(1);
        long id = connect(CLIENT);
        send(announce(id, 1, torrent, peerId(1), 0, 2, -1, 6881), CLIENT);

        ByteBuffer answer = send(announce(id, 7, torrent, peerId(2), 500, 2, -1, 6882), CLIENT);

        assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
        assertThat(answer.getInt(4)).isEqualTo(7);
        assertThat(answer.getInt(8)).isEqualTo(1800); // interval, the default 30m
        assertThat(answer.getInt(12)).as("leechers").isEqualTo(1);
        assertThat(answer.getInt(16)).as("seeders").isEqualTo(1);
        assertThat(answer.limit()).isEqualTo(Bep15.ANNOUNCE_RESPONSE_HEADER_LENGTH + 6);
        byte[] peer = new byte[6];
        answer.get(20, peer);
        assertThat(peer).containsExactly(127, 0, 0, 1, 0x1a, (byte) 0xe1); // 127.0.0.1:6881, not the announcer
    }

    @Test
    void anIpv6ClientGetsEighteenBytePeerEntriesOfItsOwnFamily() {
        InfoHash torrent = infoHash(2);
        long v4 = connect(CLIENT);
        long v6 = connect(CLIENT6);
        send(announce(v4, 1, torrent, peerId(10), 0, 2, -1, 6881), CLIENT);
        byte[] otherV6 = CLIENT6.clone();
        otherV6[15] = 8;
        send(announce(connect(otherV6), 1, torrent, peerId(11), 0, 2, -1, 7000), otherV6);

        ByteBuffer answer = send(announce(v6, 2, torrent, peerId(12), 100, 2, -1, 6882), CLIENT6);

        assertThat(answer.getInt(16)).as("seeders of both families").isEqualTo(2);
        assertThat(answer.limit()).isEqualTo(Bep15.ANNOUNCE_RESPONSE_HEADER_LENGTH + 18);
        byte[] address = new byte[16];
        answer.get(20, address);
        assertThat(address).isEqualTo(otherV6);
        assertThat(answer.getShort(36) & 0xffff).isEqualTo(7000);
    }

    @Test
    void scrapeAnswersEveryHashInRequestOrder() {
        InfoHash torrent = infoHash(3);
        long id = connect(CLIENT);
        send(announce(id, 1, torrent, peerId(20), 0, 2, -1, 6881), CLIENT);
        send(announce(id, 1, torrent, peerId(21), 9, 2, -1, 6881), CLIENT);
        send(announce(id, 1, torrent, peerId(21), 0, 1, -1, 6881), CLIENT); // completed

        ByteBuffer answer = send(scrape(id, 9, infoHash(999), torrent), CLIENT);

        assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_SCRAPE);
        assertThat(answer.getInt(4)).isEqualTo(9);
        assertThat(answer.limit()).isEqualTo(8 + 2 * 12);
        assertThat(new int[] {answer.getInt(8), answer.getInt(12), answer.getInt(16)}).containsExactly(0, 0, 0);
        assertThat(new int[] {answer.getInt(20), answer.getInt(24), answer.getInt(28)})
                .as("seeders, completed, leechers").containsExactly(2, 1, 0);
    }

    @Test
    void shortDatagramsAndConnectsWithoutTheMagicAreDroppedSilently() {
        assertThat(send(ByteBuffer.wrap(new byte[15]), CLIENT)).isNull();
        ByteBuffer wrongMagic = Datagrams.connect(1);
        wrongMagic.putLong(0, Bep15.PROTOCOL_ID + 1);
        assertThat(send(wrongMagic, CLIENT)).isNull();
    }

    @Test
    void aBadConnectionIdGetsAnErrorPacketCarryingTheTransactionId() {
        long id = connect(CLIENT);

        ByteBuffer answer = send(announce(id ^ 1, 77, infoHash(4), peerId(1), 0, 0, -1, 6881), CLIENT);
        assertThat(answer.getInt(4)).isEqualTo(77);
        assertThat(errorText(answer)).isEqualTo(UdpErrors.BAD_CONNECTION_ID);

        assertThat(errorText(send(announce(id, 1, infoHash(4), peerId(1), 0, 0, -1, 6881), new byte[] {10, 0, 0, 1})))
                .as("an id issued to another address").isEqualTo(UdpErrors.BAD_CONNECTION_ID);
    }

    @Test
    void anExpiredConnectionIdIsRefused() {
        long id = connect(CLIENT);
        clock.addAndGet(151);
        try {
            assertThat(errorText(send(scrape(id, 1, infoHash(5)), CLIENT))).isEqualTo(UdpErrors.BAD_CONNECTION_ID);
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void badRequestsGetTheirOwnErrorText() {
        long id = connect(CLIENT);
        ByteBuffer good = announce(id, 1, infoHash(6), peerId(1), 0, 0, -1, 6881);

        assertThat(errorText(send(truncated(good, 97), CLIENT))).isEqualTo(UdpErrors.TRUNCATED_ANNOUNCE);
        assertThat(errorText(send(announce(id, 1, infoHash(6), peerId(1), 0, 4, -1, 6881), CLIENT)))
                .isEqualTo("invalid event");
        assertThat(errorText(send(announce(id, 1, infoHash(6), peerId(1), 0, 0, -1, 0), CLIENT)))
                .isEqualTo(UdpErrors.INVALID_PORT);
        assertThat(errorText(send(scrape(id, 1), CLIENT))).isEqualTo(UdpErrors.NO_INFO_HASH);
        assertThat(errorText(send(truncated(scrape(id, 1, infoHash(6)), 30), CLIENT)))
                .isEqualTo(UdpErrors.PARTIAL_INFO_HASH);
        ByteBuffer unknown = scrape(id, 1, infoHash(6));
        unknown.putInt(8, 9);
        assertThat(errorText(send(unknown, CLIENT))).isEqualTo(UdpErrors.UNKNOWN_ACTION);
    }

    @Test
    void urlDataParametersReachTheSharedMiddleware() {
        long id = connect(CLIENT);
        int before = RefusingMiddleware.CALLS.get();

        ByteBuffer refused = send(announce(id, 1, infoHash(7), peerId(1), 0, 0, -1, 6881,
                urlData("/announce?reject=1")), CLIENT);

        assertThat(errorText(refused)).isEqualTo(RefusingMiddleware.REFUSAL);
        assertThat(RefusingMiddleware.CALLS.get()).isEqualTo(before + 1);
        assertThat(send(announce(id, 1, infoHash(7), peerId(1), 0, 0, -1, 6881, urlData("/announce?reject=0")),
                CLIENT).getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
    }

    @Test
    void numWantIsHonouredAndAStoppedPeerGetsNoPeers() {
        InfoHash torrent = infoHash(8);
        long id = connect(CLIENT);
        for (int i = 0; i < 5; i++) {
            send(announce(id, 1, torrent, peerId(100 + i), 0, 2, -1, 6881 + i), CLIENT);
        }
        assertThat(send(announce(id, 1, torrent, peerId(200), 10, 2, 2, 7000), CLIENT).limit()).isEqualTo(20 + 2 * 6);
        assertThat(send(announce(id, 1, torrent, peerId(200), 10, 3, 50, 7000), CLIENT).limit()).isEqualTo(20);
    }

    @Test
    void theErrorPacketIsNeverLongerThanItsFixedText() {
        long id = connect(CLIENT);
        ByteBuffer answer = send(announce(id, 1, infoHash(9), peerId(1), 0, 0, -1, 6881,
                urlData("/announce?x=%zz" + "y".repeat(200))), CLIENT);
        assertThat(answer.limit()).isEqualTo(8 + UdpErrors.MALFORMED_OPTIONS.getBytes(StandardCharsets.US_ASCII).length);
    }

}
