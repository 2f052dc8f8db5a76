package org.bittern.udp.e2e;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The WAR's {@code /announce} and {@code /scrape} (BEP 3, 23, 48), as a client that asks for compact peers. */
final class HttpTracker implements TrackerEndpoint {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** BEP 23: 4 address bytes and 2 port bytes; BEP 7: 16 and 2 in {@code peers6}. */
    private static final int COMPACT_V4 = 6;
    private static final int COMPACT_V6 = 18;
    private static final String FAILURE_REASON = "failure reason";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    /** The client's address for {@link #from}, or null for the HTTP client's choice. */
    private final InetAddress source;

    /** @param base scheme, host and port of the server; the WAR is deployed at the context root {@code /} */
    HttpTracker(URI base) {
        this(base, null);
    }

    private HttpTracker(URI base, InetAddress source) {
        this.base = base;
        this.source = source;
    }

    /**
     * The same tracker asked from {@code source} (e.g. 127.0.3.1: another loopback /24), so the WAR sees that
     * remote address. Java 17's HttpClient cannot bind a local address, so these requests are plain HTTP/1.0 over a
     * socket bound to it.
     */
    HttpTracker from(InetAddress source) {
        return new HttpTracker(base, source);
    }

    @Override
    public AnnounceAnswer announce(byte[] infoHash, byte[] peerId, int port, long left, Event event, String jwt)
            throws Exception {
        Map<String, Object> body = get(announcePath(infoHash, peerId, port, left, event) + (jwt == null ? "" : "&jwt=" + jwt));
        List<InetSocketAddress> peers = new ArrayList<>();
        peers.addAll(compact((byte[]) body.getOrDefault("peers", new byte[0]), COMPACT_V4));
        peers.addAll(compact((byte[]) body.getOrDefault("peers6", new byte[0]), COMPACT_V6));
        return new AnnounceAnswer((Long) body.get("complete"), (Long) body.get("incomplete"), peers);
    }

    @Override
    public Outcome announceOutcome(byte[] infoHash, byte[] peerId, int port, long left, Event event, String jwt)
            throws Exception {
        // A JWT is base64url and dots: nothing in it needs escaping in a query.
        Map<String, Object> body = dictionary(announcePath(infoHash, peerId, port, left, event)
                + (jwt == null ? "" : "&jwt=" + jwt));
        if (body.containsKey(FAILURE_REASON)) {
            return Outcome.refused(new String((byte[]) body.get(FAILURE_REASON), StandardCharsets.UTF_8));
        }
        return new Outcome(null, ((Long) body.get("interval")).intValue(), ((Long) body.get("min interval")).intValue());
    }

    private static String announcePath(byte[] infoHash, byte[] peerId, int port, long left, Event event) {
        return "/announce?info_hash=" + escape(infoHash) + "&peer_id=" + escape(peerId) + "&port=" + port
                + "&uploaded=0&downloaded=0&left=" + left + "&compact=1"
                + (event.httpValue == null ? "" : "&event=" + event.httpValue);
    }

    @Override
    public List<ScrapeCounts> scrape(List<byte[]> infoHashes) throws Exception {
        StringBuilder query = new StringBuilder();
        for (byte[] hash : infoHashes) {
            query.append(query.length() == 0 ? "" : "&").append("info_hash=").append(escape(hash));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) get("/scrape?" + query).get("files");
        List<ScrapeCounts> counts = new ArrayList<>();
        for (byte[] hash : infoHashes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> file = (Map<String, Object>) files.get(new String(hash, StandardCharsets.ISO_8859_1));
            if (file == null) {
                throw new AssertionError("scrape has no entry for " + Arrays.toString(hash) + ": " + files.keySet());
            }
            counts.add(new ScrapeCounts((Long) file.get("complete"), (Long) file.get("incomplete"),
                    (Long) file.get("downloaded")));
        }
        return counts;
    }

    /** The bencoded dictionary at {@code pathAndQuery}; a {@code failure reason} fails the test with its text. */
    Map<String, Object> get(String pathAndQuery) throws Exception {
        Map<String, Object> body = dictionary(pathAndQuery);
        if (body.containsKey(FAILURE_REASON)) {
            throw new AssertionError("tracker failure: "
                    + new String((byte[]) body.get(FAILURE_REASON), StandardCharsets.UTF_8));
        }
        return body;
    }

    /** A GET of the WAR's admin API at {@code path} with that bearer token (none when null), answered as text. */
    HttpResponse<String> admin(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The bencoded dictionary at {@code pathAndQuery}, whatever it says. */
    private Map<String, Object> dictionary(String pathAndQuery) throws Exception {
        if (source != null) {
            return Bencode.decodeDictionary(getFromSource(pathAndQuery));
        }
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " for " + pathAndQuery);
        }
        return Bencode.decodeDictionary(response.body());
    }

    private byte[] getFromSource(String pathAndQuery) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.0\r\nHost: " + base.getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] response = socket.getInputStream().readAllBytes(); // HTTP/1.0: the server closes after the body
            String head = new String(response, 0, Math.min(response.length, 12), StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.") || !head.endsWith(" 200")) {
                throw new AssertionError("not HTTP 200 for " + pathAndQuery + ": " + head);
            }
            for (int i = 0; i + 3 < response.length; i++) {
                if (response[i] == '\r' && response[i + 1] == '\n' && response[i + 2] == '\r' && response[i + 3] == '\n') {
                    return Arrays.copyOfRange(response, i + 4, response.length);
                }
            }
            throw new AssertionError("no end of headers for " + pathAndQuery);
        }
    }

    private static List<InetSocketAddress> compact(byte[] entries, int entryLength) throws Exception {
        if (entries.length % entryLength != 0) {
            throw new AssertionError("compact peer list of " + entries.length + " bytes, not a multiple of " + entryLength);
        }
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int i = 0; i < entries.length; i += entryLength) {
            InetAddress address = InetAddress.getByAddress(Arrays.copyOfRange(entries, i, i + entryLength - 2));
            int port = ((entries[i + entryLength - 2] & 0xff) << 8) | (entries[i + entryLength - 1] & 0xff);
            peers.add(new InetSocketAddress(address, port));
        }
        return peers;
    }

    /** Every byte percent-encoded: info_hash and peer_id are binary (BEP 3), never text. */
    static String escape(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            s.append('%').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}
