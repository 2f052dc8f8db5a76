package org.bittern.udp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;

/**
 * The server processes one end-to-end test class starts: the packaged WAR on Payara Micro, the packaged sidecar
 * jar, and anything else, each logged to a file in the class's folder under {@code target/e2e} and stopped only
 * through its own handle, the last started first.
 */
final class E2eServers implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Payara Micro boots in 20–40 s here; the bound only decides how long a broken start takes to fail. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<ChildProcess> children = new ArrayList<>();
    private final Thread killChildrenOnExit;

    /** @param folder below {@code e2e.dir}, for this class's configuration files and logs; empty for the top */
    E2eServers(String folder) throws IOException {
        dir = Files.createDirectories(Path.of(System.getProperty("e2e.dir", "target/e2e"), folder).toAbsolutePath());
        // If the test JVM dies without closing this (a killed fork), the servers must not outlive it.
        killChildrenOnExit = new Thread(() -> children.forEach(ChildProcess::kill), "e2e-kill-children");
        Runtime.getRuntime().addShutdownHook(killChildrenOnExit);
    }

    Path dir() {
        return dir;
    }

    ChildProcess start(String name, List<String> command, Map<String, String> env) throws IOException {
        ChildProcess child = ChildProcess.start(name, command, env, dir.resolve(name + ".log"));
        children.add(child);
        return child;
    }

    /** The packaged WAR at the context root {@code /} on 127.0.0.1:{@code port}, configured by {@code config}. */
    ChildProcess startPayara(int port, Path config) throws IOException {
        return startPayara(port, config, artifact("e2e.war"));
    }

    /** As {@link #startPayara(int, Path)}, deploying {@code war} (e.g. the packaged WAR with an operator's jar). */
    ChildProcess startPayara(int port, Path config, Path war) throws IOException {
        // Payara Micro listens on every interface unless told otherwise; the tests keep to loopback.
        Path preboot = Files.writeString(dir.resolve("payara-preboot.txt"),
                "set configs.config.server-config.network-config.network-listeners.network-listener"
                        + ".http-listener.address=127.0.0.1\n");
        // A fresh runtime folder: Payara Micro would otherwise redeploy what an earlier run left in it.
        Path payaraRoot = dir.resolve("payara-root");
        deleteRecursively(payaraRoot);
        return start("payara", List.of(java, "-Xmx512m", "-jar", artifact("e2e.payaraJar").toString(),
                "--nohazelcast", "--disablephonehome", "--port", String.valueOf(port),
                "--prebootcommandfile", preboot.toString(), "--rootdir", payaraRoot.toString(),
                "--deploy", war.toString(), "--contextroot", "/"),
                Map.of("BITTERN_CONFIG", config.toString()));
    }

    /** The packaged sidecar jar ({@code java -jar}), configured by {@code config}. */
    ChildProcess startSidecar(Path config) throws IOException {
        return startSidecar("sidecar", config);
    }

    /** As {@link #startSidecar(Path)}, logging to {@code name.log}, for a class that starts more than one. */
    ChildProcess startSidecar(String name, Path config) throws IOException {
        return start(name, List.of(java, "-Xmx256m", "-jar", artifact("e2e.sidecarJar").toString()),
                Map.of("BITTERN_CONFIG", config.toString()));
    }

    /**
     * The packaged sidecar with {@code extraJars} on its class path, started the way the README tells operators
     * to add their own middleware: the jar, its {@code lib/} folder and theirs, then the main class.
     */
    ChildProcess startSidecar(Path config, Path... extraJars) throws IOException {
        Path jar = artifact("e2e.sidecarJar");
        StringBuilder classPath = new StringBuilder(jar.toString()).append(File.pathSeparator)
                .append(jar.resolveSibling("lib")).append(File.separator).append('*');
        for (Path extra : extraJars) {
            classPath.append(File.pathSeparator).append(extra);
        }
        return start("sidecar", List.of(java, "-Xmx256m", "-cp", classPath.toString(), "org.bittern.udp.SidecarMain"),
                Map.of("BITTERN_CONFIG", config.toString()));
    }

    /** Polls (no fixed sleeps) until ready, failing at once, with its log, if any started process exits. */
    ConditionFactory waitFor(ChildProcess child) {
        return await(child.toString())
                .atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .failFast(this::assertAlive);
    }

    /** Until the WAR on 127.0.0.1:{@code port} says it is ready and answers a scrape through {@code http}. */
    void awaitWar(ChildProcess payara, int port, HttpTracker http) {
        waitFor(payara).until(() -> returns200("http://127.0.0.1:" + port + "/health/ready") && scrapeAnswers(http));
    }

    void assertAlive() {
        children.forEach(ChildProcess::assertAlive);
    }

    /**
     * Stops every process, the last started first (trackers before the Redis they use), each through its own
     * handle; one failing to stop must not leave the others running.
     */
    @Override
    public void close() throws InterruptedException {
        List<ChildProcess> reversed = new ArrayList<>(children);
        Collections.reverse(reversed);
        for (ChildProcess child : reversed) {
            child.stop(STOP_GRACE);
        }
        Runtime.getRuntime().removeShutdownHook(killChildrenOnExit);
    }

    static Path artifact(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by failsafe in tracker-udp/pom.xml)", property).isNotNull();
        Path path = Path.of(value);
        assertThat(path).as("%s; build with mvn verify so the jar and WAR are packaged", property).isRegularFile();
        return path;
    }

    static boolean returns200(String url) {
        try {
            return PROBE.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Payara's health endpoint can answer before the WAR is deployed; a bencoded scrape means it is. */
    static boolean scrapeAnswers(HttpTracker tracker) {
        try {
            return tracker.scrape(List.of(randomBytes(20))).size() == 1;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return probe.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return probe.getLocalPort();
        }
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
