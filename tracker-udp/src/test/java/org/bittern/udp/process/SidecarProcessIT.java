package org.bittern.udp.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bittern.udp.Datagrams.exchange;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bittern.store.StoreFixtures;
import org.bittern.udp.Bep15;
import org.bittern.udp.Datagrams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged sidecar as an operator runs it: {@code java -jar tracker-udp.jar}, stopped with SIGTERM. */
class SidecarProcessIT {
    static final Path JAR = Path.of(System.getProperty("e2e.sidecarJar", "target/tracker-udp.jar"));
    static final Pattern SERVING = Pattern.compile("bittern-udp: serving \\[/127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private Process start(String yaml) throws IOException {
        Path config = dir.resolve("bittern.yaml");
        Files.writeString(config, yaml);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                JAR.toAbsolutePath().toString()));
        builder.environment().put("BITTERN_CONFIG", config.toString());
        builder.redirectOutput(dir.resolve("stdout.log").toFile());
        builder.redirectError(dir.resolve("stderr.log").toFile());
        return builder.start();
    }

    private String stdout() throws IOException {
        return Files.readString(dir.resolve("stdout.log"));
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.log"));
    }

    @Test
    void servesAnnouncesAndStopsCleanlyOnSigterm() throws Exception {
        Process sidecar = start("""
                tracker:
                  udp:
                    listen: "127.0.0.1:0"
                    metrics: "off"
                    transport: epoll
                """);
        try {
            int port = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> servingPort(sidecar), p -> p > 0);
            try (DatagramSocket client = new DatagramSocket()) {
                client.setSoTimeout(5_000);
                InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
                long id = exchange(client, to, Datagrams.connect(1)).getLong(8);
                ByteBuffer answer = exchange(client, to, Datagrams.announce(id, 2, StoreFixtures.infoHash(1),
                        StoreFixtures.peerId(1), 0, 2, -1, 6881));
                assertThat(answer.getInt(0)).isEqualTo(Bep15.ACTION_ANNOUNCE);
            }

            long stopping = System.nanoTime();
            sidecar.destroy(); // SIGTERM
            assertThat(sidecar.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
            assertThat(sidecar.exitValue()).as("the JVM's exit status after SIGTERM").isEqualTo(143);
            assertThat(stderr()).contains("bittern-udp: stopped").doesNotContain("Exception");
        } finally {
            sidecar.destroyForcibly();
        }
    }

    @Test
    void anInvalidSettingStopsTheStartWithOneLineNamingTheKey() throws Exception {
        Process sidecar = start("""
                tracker:
                  udp:
                    listen: "127.0.0.1:0"
                    workers: 0
                """);
        try {
            assertThat(sidecar.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sidecar.exitValue()).isEqualTo(2);
            assertThat(stderr()).contains("bittern-udp: invalid configuration: tracker.udp.workers: must be between 1 and 256, got 0")
                    .doesNotContain("\tat ");
        } finally {
            sidecar.destroyForcibly();
        }
    }

    @Test
    void anInvalidMiddlewareSectionStopsTheStartWithOneLineNamingTheKey() throws Exception {
        Process sidecar = start("""
                tracker:
                  udp:
                    listen: "127.0.0.1:0"
                    metrics: "off"
                  middleware:
                    client-approval:
                      whitelist: [qB4650]
                      blacklist: [UT3550]
                """);
        try {
            assertThat(sidecar.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sidecar.exitValue()).isEqualTo(2);
            assertThat(stderr()).contains("bittern-udp: invalid configuration: tracker.middleware.client-approval.")
                    .doesNotContain("\tat ");
        } finally {
            sidecar.destroyForcibly();
        }
    }

    private int servingPort(Process sidecar) throws IOException {
        if (!sidecar.isAlive()) {
            throw new AssertionError("the sidecar exited with " + sidecar.exitValue() + ": " + stderr());
        }
        Matcher m = SERVING.matcher(stdout());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
