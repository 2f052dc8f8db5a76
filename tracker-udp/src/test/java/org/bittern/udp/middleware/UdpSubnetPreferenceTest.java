package org.bittern.udp.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.middleware.MiddlewareFixtures.peerId;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.udp.Datagrams.connect;
import static org.bittern.udp.Datagrams.exchange;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bittern.bittorrent.InfoHash;
import org.bittern.udp.Bep15;
import org.bittern.udp.Datagrams;
import org.bittern.udp.InProcessSidecar;
import org.bittern.udp.Sidecar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * subnet-preference over UDP (BEP 15): the whole sidecar in this JVM, configured only through its YAML file.
 * Clients send from several loopback /24s (127.0.N.1: Linux routes all of 127.0.0.0/8 to the loopback device),
 * so the sidecar sees real source addresses of different subnets, with no spoofing involved.
 */
class UdpSubnetPreferenceTest {
    private static final int SUBNETS = 6;
    private static final int SEEDERS_EACH = 2;
    private static final int LEECHERS_EACH = 4;

    @TempDir
    static Path dir;
    static Sidecar sidecar;
    static InetSocketAddress server;

    @BeforeAll
    static void start() throws IOException {
        Path yaml = Files.writeString(dir.resolve("bittern.yaml"), """
                tracker:
                  udp:
                    listen: "127.0.0.1:0"
                    metrics: "off"
                    workers: 1
                    private-key: "udp-subnet-test-key-0123456789"
                  middleware:
                    subnet-preference:
                      ipv4-prefix: 24
                      ipv6-prefix: 64
                """);
        sidecar = InProcessSidecar.start(yaml);
        server = sidecar.udpAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        InProcessSidecar.stop(sidecar);
    }

    @Test
    void aLeecherGetsPeersOfItsOwnSlash24FirstSeedersLeadingThenTheRest() throws IOException {
        InfoHash torrent = infoHash(951);
        for (int subnet = 0; subnet < SUBNETS; subnet++) {
            try (DatagramSocket socket = clientIn(subnet)) {
                for (int n = 0; n < SEEDERS_EACH + LEECHERS_EACH; n++) {
                    boolean seeder = n < SEEDERS_EACH;
                    ByteBuffer answer = announce(socket, torrent, subnet, portOf(n), seeder ? 0 : 1000, 0);
                    assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
                }
            }
        }

        List<InetSocketAddress> got;
        try (DatagramSocket socket = clientIn(3)) {
            got = peers(announce(socket, torrent, 3, 9999, 1000, 12));
        }

        assertThat(got).hasSize(12).doesNotHaveDuplicates();
        List<Integer> subnets = got.stream().map(a -> a.getAddress().getAddress()[2] & 0xff).toList();
        List<Integer> ports = got.stream().map(InetSocketAddress::getPort).toList();
        assertThat(subnets.subList(0, 6)).as("own /24 first").containsOnly(3);
        assertThat(ports.subList(0, 2)).as("its seeders first").containsExactlyInAnyOrder(portOf(0), portOf(1));
        assertThat(subnets.subList(6, 12)).doesNotContain(3);
        assertThat(ports.subList(6, 12)).as("then seeders of other subnets").isSubsetOf(portOf(0), portOf(1));
    }

    private static int portOf(int n) {
        return 7000 + n;
    }

    private static DatagramSocket clientIn(int subnet) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0." + subnet + ".1", 0));
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static ByteBuffer announce(DatagramSocket socket, InfoHash torrent, int subnet, int port, long left,
            int numWant) throws IOException {
        return exchange(socket, server, Datagrams.announce(connect(socket, server), 2, torrent,
                peerId("-qB4650-" + subnet + "-" + port), left, 2, numWant, port));
    }

    /** BEP 15 answer: 20 header bytes, then 6 per IPv4 peer. */
    private static List<InetSocketAddress> peers(ByteBuffer answer) throws IOException {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int at = 20; at + 6 <= answer.limit(); at += 6) {
            byte[] address = new byte[4];
            answer.get(at, address);
            int port = ((answer.get(at + 4) & 0xff) << 8) | (answer.get(at + 5) & 0xff);
            peers.add(new InetSocketAddress(java.net.InetAddress.getByAddress(address), port));
        }
        return peers;
    }
}
