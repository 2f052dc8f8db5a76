package org.bittern.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.turn.ttorrent.bcodec.BDecoder;
import com.turn.ttorrent.bcodec.BEValue;
import com.turn.ttorrent.client.SharedTorrent;
import com.turn.ttorrent.client.announce.Announce;
import com.turn.ttorrent.client.announce.AnnounceResponseListener;
import com.turn.ttorrent.client.announce.HTTPTrackerClient;
import com.turn.ttorrent.client.announce.TrackerClient;
import com.turn.ttorrent.common.Peer;
import com.turn.ttorrent.common.Torrent;
import com.turn.ttorrent.common.protocol.TrackerMessage.AnnounceRequestMessage.RequestEvent;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.bittern.http.TrackerWar;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a BitTorrent client we did not write: ttorrent ({@code com.turn:ttorrent-core}) builds a
 * real torrent whose announce URL is our deployed {@code target/tracker.war}, and its own announce
 * machinery ({@link Announce} picks an {@link HTTPTrackerClient} from the torrent's announce URL) sends the
 * announces and parses our answers. Nothing in the announce path is ours, so this checks that a stock
 * client understands what we send and that we understand what it sends (its escaping of binary
 * {@code info_hash}/{@code peer_id}, {@code compact=1&no_peer_id=0}, its {@code ip=} parameter).
 * <p>
 * ttorrent 1.5 has no scrape client, so the scrape is our own plain HTTP GET, decoded with ttorrent's
 * bencode decoder. The clients only announce; they do not open listening sockets (the announced ports are
 * just numbers). All traffic is on 127.0.0.1; the server's port is chosen by Arquillian.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ThirdPartyClientIT {

    /** ttorrent's HttpURLConnection has no timeouts of its own; every library call is bounded by this. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int SEEDER_PORT = 49152;
    private static final int LEECHER_PORT = 49153;
    private static final String LOOPBACK = "127.0.0.1";

    @Deployment(testable = false)
    static WebArchive tracker() {
        return TrackerWar.packaged();
    }

    @ArquillianResource
    URL deployment;

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
    private final List<LibraryClient> clients = new ArrayList<>();
    private ExecutorService calls;
    private URI announceUrl;

    @BeforeEach
    void setUp() {
        // Arquillian reports the machine's address; all test traffic stays on loopback.
        announceUrl = URI.create("http://" + LOOPBACK + ":" + deployment.getPort()
                + deployment.getPath().replaceAll("/$", "") + "/announce");
        calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ttorrent-call");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void tearDown() {
        clients.forEach(LibraryClient::close);
        calls.shutdownNow();
    }

    @Test
    void seederAndLeecherSeeEachOtherButNeverThemselves() throws Exception {
        Torrent torrent = newTorrent();
        LibraryClient seeder = client(torrent, "seeder", SEEDER_PORT);
        LibraryClient leecher = client(torrent, "leecher", LEECHER_PORT);
        assertThat(seeder.shared.getLeft()).as("ttorrent verified the seeder's data").isZero();
        assertThat(leecher.shared.getLeft()).as("the leecher has nothing").isEqualTo(torrent.getSize());

        Answer first = seeder.announce(RequestEvent.STARTED);
        assertThat(first.peers()).as("alone in the swarm").isEmpty();
        assertThat(first.complete()).isEqualTo(1);
        assertThat(first.incomplete()).isZero();
        assertThat(first.interval()).isPositive();

        Answer second = leecher.announce(RequestEvent.STARTED);
        assertThat(second.peers()).containsExactly(LOOPBACK + ":" + SEEDER_PORT);
        assertThat(second.complete()).isEqualTo(1);
        assertThat(second.incomplete()).isEqualTo(1);

        Answer third = seeder.announce(RequestEvent.NONE);
        assertThat(third.peers()).containsExactly(LOOPBACK + ":" + LEECHER_PORT);
        assertThat(third.complete()).isEqualTo(1);
        assertThat(third.incomplete()).isEqualTo(1);

        Answer fourth = leecher.announce(RequestEvent.NONE);
        assertThat(fourth.peers()).containsExactly(LOOPBACK + ":" + SEEDER_PORT);

        for (Answer a : List.of(first, third)) {
            assertThat(a.peers()).doesNotContain(LOOPBACK + ":" + SEEDER_PORT);
        }
        for (Answer a : List.of(second, fourth)) {
            assertThat(a.peers()).doesNotContain(LOOPBACK + ":" + LEECHER_PORT);
        }

        Scrape scrape = scrape(torrent);
        assertThat(scrape.complete()).as("seeders").isEqualTo(1);
        assertThat(scrape.incomplete()).as("leechers").isEqualTo(1);
        assertThat(scrape.downloaded()).isZero();
    }

    @Test
    void aStoppedAnnounceFromTheLibraryRemovesThePeer() throws Exception {
        Torrent torrent = newTorrent();
        LibraryClient seeder = client(torrent, "seeder", SEEDER_PORT);
        LibraryClient leecher = client(torrent, "leecher", LEECHER_PORT);
        seeder.announce(RequestEvent.STARTED);
        assertThat(leecher.announce(RequestEvent.STARTED).peers()).containsExactly(LOOPBACK + ":" + SEEDER_PORT);
        assertThat(scrape(torrent)).isEqualTo(new Scrape(1, 1, 0));

        // ttorrent parses the answer to "stopped" too: it must be a valid announce response.
        leecher.announce(RequestEvent.STOPPED);

        assertThat(scrape(torrent)).isEqualTo(new Scrape(1, 0, 0));
        Answer after = seeder.announce(RequestEvent.NONE);
        assertThat(after.peers()).as("the stopped leecher is gone").isEmpty();
        assertThat(after.complete()).isEqualTo(1);
        assertThat(after.incomplete()).isZero();

        seeder.announce(RequestEvent.STOPPED);
        assertThat(scrape(torrent)).isEqualTo(new Scrape(0, 0, 0));
    }

    // ---- the library's side

    /** A few pieces of random content in its own folder, and a torrent of it announcing to our WAR. */
    private Torrent newTorrent() throws Exception {
        Path seederDir = Files.createDirectories(temp.resolve("seeder"));
        byte[] content = new byte[3 * Torrent.DEFAULT_PIECE_LENGTH + 1234];
        ThreadLocalRandom.current().nextBytes(content);
        Path file = Files.write(seederDir.resolve("content.bin"), content);
        Torrent torrent = Torrent.create(file.toFile(), announceUrl, "bittern-e2e");
        assertThat(torrent.getAnnounceList()).containsExactly(List.of(announceUrl));
        return torrent;
    }

    /**
     * A ttorrent client for {@code torrent} with its data in {@code temp/<name>}: the seeder's folder holds
     * the content, a leecher's is empty; ttorrent's own hash check decides which it is.
     */
    private LibraryClient client(Torrent torrent, String name, int port) throws Exception {
        File dir = Files.createDirectories(temp.resolve(name)).toFile();
        SharedTorrent shared = new SharedTorrent(torrent, dir, false);
        calls.submit(() -> {
            shared.init();
            return null;
        }).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // ttorrent's own peer-id format: "-TO0042-" followed by 12 characters.
        String id = "-TO0042-" + UUID.randomUUID().toString().split("-")[4];
        Peer self = new Peer(LOOPBACK, port, ByteBuffer.wrap(id.getBytes(StandardCharsets.ISO_8859_1)));
        Announce announce = new Announce(shared, self);
        Recorder recorder = new Recorder();
        announce.register(recorder);
        TrackerClient tracker = announce.getCurrentTrackerClient();
        assertThat(tracker).isInstanceOf(HTTPTrackerClient.class);
        assertThat(tracker.getTrackerURI()).isEqualTo(announceUrl);
        LibraryClient client = new LibraryClient(shared, tracker, recorder);
        clients.add(client);
        return client;
    }

    /** One announce answer as ttorrent understood it; peers as "ip:port". */
    record Answer(int complete, int incomplete, int interval, List<String> peers) {
    }

    private final class LibraryClient {
        final SharedTorrent shared;
        final TrackerClient tracker;
        final Recorder recorder;

        LibraryClient(SharedTorrent shared, TrackerClient tracker, Recorder recorder) {
            this.shared = shared;
            this.tracker = tracker;
            this.recorder = recorder;
        }

        /** Announces through ttorrent and returns what its listeners were told (an AnnounceException fails the test). */
        Answer announce(RequestEvent event) throws Exception {
            recorder.reset();
            calls.submit(() -> {
                tracker.announce(event, false);
                return null;
            }).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return recorder.answer();
        }

        void close() {
            shared.close();
        }
    }

    /** Collects what ttorrent reports to its listeners during one announce. */
    private static final class Recorder implements AnnounceResponseListener {
        private int complete = -1;
        private int incomplete = -1;
        private int interval = -1;
        private List<String> peers;

        synchronized void reset() {
            complete = incomplete = interval = -1;
            peers = null;
        }

        @Override
        public synchronized void handleAnnounceResponse(int interval, int complete, int incomplete) {
            this.interval = interval;
            this.complete = complete;
            this.incomplete = incomplete;
        }

        @Override
        public synchronized void handleDiscoveredPeers(List<Peer> discovered) {
            List<String> list = new ArrayList<>();
            for (Peer p : discovered) {
                list.add(p.getIp() + ":" + p.getPort());
            }
            this.peers = List.copyOf(list);
        }

        synchronized Answer answer() {
            assertThat(peers).as("ttorrent reported the announce response").isNotNull();
            return new Answer(complete, incomplete, interval, peers);
        }
    }

    // ---- our side: ttorrent 1.5 cannot scrape, so a plain GET decoded with ttorrent's bencode decoder

    record Scrape(long complete, long incomplete, long downloaded) {
    }

    private Scrape scrape(Torrent torrent) throws Exception {
        String url = announceUrl.toString().replaceAll("/announce$", "/scrape")
                + "?info_hash=" + escape(torrent.getInfoHash());
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(CALL_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, BEValue> body = BDecoder.bdecode(ByteBuffer.wrap(response.body())).getMap();
        assertThat(body).containsKey("files").doesNotContainKey("failure reason");
        Map<String, BEValue> files = body.get("files").getMap();
        assertThat(files).hasSize(1); // one hash asked (the decoder reads keys as UTF-8, so not compared)
        Map<String, BEValue> stats = files.values().iterator().next().getMap();
        return new Scrape(stats.get("complete").getLong(), stats.get("incomplete").getLong(),
                stats.get("downloaded").getLong());
    }

    private static String escape(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            s.append('%').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}
