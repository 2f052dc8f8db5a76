package org.bittern.http.bench;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.PeerList;
import org.bittern.http.AnnounceQueryParser;
import org.bittern.http.AnnounceResponseWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The HTTP codec's share of one announce: parse a realistic qBittorrent query, write a compact answer
 * with 50 IPv4 peers (the default numwant). Not a test (no Test/Properties/IT suffix); run with
 * {@code java -cp ... org.openjdk.jmh.Main HttpCodecBenchmark -f 1 -wi 3 -i 5 -r 1s [-prof gc]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HttpCodecBenchmark {
    /** What qBittorrent 4.6 sends (binary info_hash and peer_id escaped, key, event, numwant, compact). */
    static final String QUERY = "info_hash=%d2%1b%e6%e3%af%8e%d5%1b%0a%fb%ec%f9%13%c4%2a%12%2b%05%86%fe"
            + "&peer_id=-qB4650-%2a%28Ab~Zl%21u%2aBx&port=51413&uploaded=1048576&downloaded=734003200"
            + "&left=1418787840&corrupt=0&key=7A1B2C3D&event=started&numwant=50&compact=1&no_peer_id=1"
            + "&supportcrypto=1&redundant=0";

    private final AnnounceQueryParser parser = new AnnounceQueryParser(false);
    private InetAddress client;
    private AnnounceResponse response;

    @Setup
    public void setup() throws UnknownHostException {
        client = InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, 23});
        PeerList v4 = new PeerList(AddressFamily.IPV4, 50);
        for (int i = 0; i < 50; i++) {
            byte[] id = new byte[PeerId.LENGTH];
            id[0] = (byte) i;
            v4.add(Peer.of(PeerId.of(id), new byte[] {10, 1, (byte) (i >> 8), (byte) i}, 6881 + i));
        }
        response = new AnnounceResponse(1800, 900, 37, 13, v4, PeerList.empty(AddressFamily.IPV6));
    }

    @Benchmark
    public AnnounceQueryParser.HttpAnnounce parseAnnounce() {
        return parser.parse(QUERY, client);
    }

    @Benchmark
    public byte[] writeCompact50() {
        return AnnounceResponseWriter.write(response, true, true);
    }

    /**
     * Baseline for scale, not a competitor: the JDK's decoder over the same text does less (no
     * splitting, no validation, and it would corrupt the binary values by producing chars).
     */
    @Benchmark
    public String baselineJdkUrlDecode() {
        return URLDecoder.decode(QUERY, StandardCharsets.ISO_8859_1);
    }

    @Benchmark
    public byte[] parseAndWrite() {
        AnnounceQueryParser.HttpAnnounce a = parser.parse(QUERY, client);
        return AnnounceResponseWriter.write(response, a.compact(), a.noPeerId());
    }
}
