package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.udp.Datagrams.announce;

import java.nio.ByteBuffer;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerId;
import org.bittern.config.TrackerConfigProducer;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStoreProducer;
import org.bittern.store.StoreStats;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Random and damaged datagrams against the handler: never an exception, never more than the rules allow back. */
class UdpDatagramProperties {
    static final byte[] CLIENT = {127, 0, 0, 1};
    static final long NOW = 1_795_000_000L;
    static final Set<String> ERROR_TEXTS = Set.of(UdpErrors.BAD_CONNECTION_ID, UdpErrors.UNKNOWN_ACTION,
            UdpErrors.TRUNCATED_ANNOUNCE, UdpErrors.NO_INFO_HASH, UdpErrors.PARTIAL_INFO_HASH, UdpErrors.INVALID_PORT,
            UdpErrors.MALFORMED_OPTIONS, "invalid event");

    static WeldContainer container;
    static UdpRequestHandler handler;
    static ConnectionIds ids;
    final ByteBuffer out = ByteBuffer.allocate(Bep15.MAX_RESPONSE_LENGTH);

    @BeforeContainer
    static void boot() {
        container = new Weld().disableDiscovery()
                .addBeanClasses(Tracker.class, PostHooks.class, PeerStoreProducer.class, TrackerConfigProducer.class)
                .initialize();
        PostHooks postHooks = container.select(PostHooks.class).get();
        ids = new ConnectionIds(ConnectionIdsTest.KEY, 150, 10);
        handler = new UdpRequestHandler(container.select(Tracker.class).get(), postHooks,
                new SidecarMetrics(() -> new StoreStats(0, 0, 0), postHooks::shed),
                new ConnectionIds(ConnectionIdsTest.KEY, 150, 10), false, () -> NOW);
    }

    @AfterContainer
    static void shutdown() {
        container.close();
    }

    private ByteBuffer handle(ByteBuffer datagram) {
        boolean answered = handler.handle(datagram, CLIENT, out);
        handler.afterSend();
        return answered ? out : null;
    }

    @Property
    void randomDatagramsAreDroppedOrAnsweredWithinBounds(@ForAll @Size(max = 200) byte[] bytes) {
        ByteBuffer answer = handle(ByteBuffer.wrap(bytes));

        boolean mustDrop = bytes.length < 16
                || (ByteBuffer.wrap(bytes).getInt(8) == Bep15.ACTION_CONNECT
                        && ByteBuffer.wrap(bytes).getLong(0) != Bep15.PROTOCOL_ID);
        assertThat(answer == null).isEqualTo(mustDrop);
        if (answer != null) {
            assertThat(answer.getInt(4)).as("transaction id echoed").isEqualTo(ByteBuffer.wrap(bytes).getInt(12));
            // Random bytes never carry a valid connection id, so only an error (or a connect) can come back.
            if (answer.getInt(0) == Bep15.ACTION_ERROR) {
                assertThat(ERROR_TEXTS).contains(Datagrams.errorText(answer));
            } else {
                assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_CONNECT);
            }
        }
    }

    @Property
    void anAnnounceCutAnywhereGetsTheTruncatedError(@ForAll @IntRange(min = 16, max = 97) int length) {
        ByteBuffer whole = announce(ids.issue(CLIENT, 4, NOW), 5, InfoHash.of(new byte[20]), PeerId.of(new byte[20]),
                0, 0, -1, 6881);

        ByteBuffer answer = handle(Datagrams.truncated(whole, length));

        assertThat(Datagrams.errorText(answer)).isEqualTo(UdpErrors.TRUNCATED_ANNOUNCE);
    }

    @Property
    void anyOptionBytesGiveAnAnnounceOrTheMalformedOptionsError(@ForAll @Size(max = 120) byte[] options,
            @ForAll @Size(20) byte[] infoHash, @ForAll @Size(20) byte[] peerId,
            @ForAll @IntRange(min = 1, max = 65535) int port, @ForAll @IntRange(min = 0, max = 3) int event) {
        ByteBuffer request = announce(ids.issue(CLIENT, 4, NOW), 5, InfoHash.of(infoHash), PeerId.of(peerId), 1, event,
                -1, port, options);

        ByteBuffer answer = handle(request);

        if (answer.getInt(0) == Bep15.ACTION_ERROR) {
            assertThat(Datagrams.errorText(answer)).isEqualTo(UdpErrors.MALFORMED_OPTIONS);
        } else {
            assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
            assertThat(answer.limit()).isLessThanOrEqualTo(Bep15.MAX_RESPONSE_LENGTH);
        }
    }

    @Property
    void scrapesOfAnySizeAnswerOneEntryPerHashUpToTheLimit(@ForAll @IntRange(min = 1, max = 120) int hashes) {
        ByteBuffer request = ByteBuffer.allocate(16 + 20 * hashes);
        request.putLong(ids.issue(CLIENT, 4, NOW)).putInt(Bep15.ACTION_SCRAPE).putInt(3).position(0);

        ByteBuffer answer = handle(request);

        // Cut first to BEP 15's 74, then to tracker.scrape.max-info-hashes (default 50).
        assertThat(answer.limit()).isEqualTo(8 + 12 * Math.min(hashes, 50));
    }
}
