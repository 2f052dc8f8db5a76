package org.bittern.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import redis.embedded.RedisServer;

/**
 * A real Redis Cluster for tests: masters only, each a redis-server from the embedded-redis artifact on a free
 * loopback port, the slots split evenly with {@code CLUSTER ADDSLOTS} and the nodes joined with
 * {@code CLUSTER MEET}, as an operator would build one by hand. No replicas: the store's routing is what is
 * tested, not Redis's failover. {@link #close()} stops only the servers this instance started.
 */
public final class RedisCluster implements AutoCloseable {
    /** Redis talks to the other nodes on the client port plus this (Redis 6.2 has no setting for it). */
    private static final int BUS_PORT_OFFSET = 10_000;
    private static final Duration FORMING = Duration.ofSeconds(30);

    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final List<RedisServer> servers = new ArrayList<>();
    private final List<RedisClient> clients = new ArrayList<>();
    private final List<StatefulRedisConnection<String, String>> nodes = new ArrayList<>();

    private RedisCluster() throws IOException {
        this.dir = Files.createTempDirectory("bittern-redis-cluster");
    }

    /** Starts {@code masters} nodes and returns once every one of them reports {@code cluster_state:ok}. */
    public static RedisCluster start(int masters) throws IOException {
        RedisCluster cluster = new RedisCluster();
        try {
            for (int i = 0; i < masters; i++) {
                cluster.startNode();
            }
            cluster.form();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startNode() throws IOException {
        int port = clusterPort();
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("cluster-enabled yes")
                // Each node writes its own view of the cluster here; a fresh file per run, so no stale node ids.
                .setting("cluster-config-file " + dir.resolve("nodes-" + port + ".conf"))
                .setting("cluster-node-timeout 5000")
                .build();
        server.start();
        ports.add(port);
        servers.add(server);
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        clients.add(client);
        nodes.add(client.connect());
    }

    private void form() {
        int n = nodes.size();
        for (int i = 0; i < n; i++) {
            int from = SlotHash.SLOT_COUNT * i / n;
            int to = SlotHash.SLOT_COUNT * (i + 1) / n;
            // ADDSLOTSRANGE is Redis 7; the artifact's server is 6.2, so the slots go one by one in one call.
            node(i).clusterAddSlots(IntStream.range(from, to).toArray());
        }
        for (int i = 1; i < n; i++) {
            node(0).clusterMeet("127.0.0.1", ports.get(i));
        }
        long deadline = System.nanoTime() + FORMING.toNanos();
        while (!IntStream.range(0, n).allMatch(i -> node(i).clusterInfo().contains("cluster_state:ok"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cluster not formed within " + FORMING + ": "
                        + IntStream.range(0, n).mapToObj(i -> node(i).clusterInfo().lines()
                                .filter(l -> l.startsWith("cluster_state") || l.startsWith("cluster_known_nodes"))
                                .collect(Collectors.joining(" "))).toList());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the cluster formed", e);
            }
        }
    }

    /** The client ports, one per master. */
    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** Every node's URI, separated by commas: the form of {@code tracker.store.redis.uri} for a cluster. */
    public String seeds() {
        return ports.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** Commands to node {@code i} alone (not routed: keys of other nodes' slots answer MOVED). */
    public RedisCommands<String, String> node(int i) {
        return nodes.get(i).sync();
    }

    public int size() {
        return nodes.size();
    }

    @Override
    public void close() {
        for (StatefulRedisConnection<String, String> c : nodes) {
            c.close();
        }
        for (RedisClient c : clients) {
            c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        IOException failed = null;
        for (RedisServer s : servers) {
            try {
                s.stop();
            } catch (IOException e) {
                // Go on: the other servers must stop all the same.
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw new UncheckedIOException(failed);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free loopback port whose bus port is free as well. Ephemeral ports reach 60999, beyond what the bus
     * port's offset allows, so candidates are drawn until one fits.
     */
    private static int clusterPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = RedisServers.freePort();
            if (port + BUS_PORT_OFFSET <= 65_535 && free(port + BUS_PORT_OFFSET)) {
                return port;
            }
        }
        throw new IOException("no free port pair (port, port + " + BUS_PORT_OFFSET + ") on loopback");
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
