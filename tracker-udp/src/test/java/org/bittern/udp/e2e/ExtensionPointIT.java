package org.bittern.udp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.udp.e2e.E2eServers.freeTcpPort;
import static org.bittern.udp.e2e.E2eServers.freeUdpPort;
import static org.bittern.udp.e2e.E2eServers.randomBytes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.bittern.udp.e2e.TrackerEndpoint.Event;
import org.bittern.udp.e2e.TrackerEndpoint.Outcome;
import org.example.bittern.ext.PortBlockingMiddleware;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The middleware extension point (issue 5): a third-party interceptor, packed as the README tells an operator
 * to (one class and a {@code beans.xml} in a jar; the jar added to the WAR's {@code WEB-INF/lib} and to the
 * sidecar's class path), runs for HTTP on Payara Micro and for UDP in the sidecar, without any change to Bittern.
 */
class ExtensionPointIT {
    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    private static E2eServers servers;
    private static HttpTracker http;
    private static UdpTracker udp;

    @BeforeAll
    static void startWithTheExtension() throws Exception {
        servers = new E2eServers("extension");
        Path jar = extensionJar(servers.dir().resolve("port-blocking-middleware.jar"));
        Path war = warWith(jar, servers.dir().resolve("tracker-with-extension.war"));
        int httpPort = freeTcpPort();
        int udpPort = freeUdpPort();
        Path config = Files.writeString(servers.dir().resolve("bittern.yaml"), String.join("\n",
                "tracker:",
                "  udp:",
                "    listen: \"127.0.0.1:" + udpPort + "\"",
                "    metrics: \"off\"",
                "    workers: 1",
                "    private-key: \"e2e-only-connection-id-key-0123456789\"",
                ""));
        ChildProcess payara = servers.startPayara(httpPort, config, war);
        ChildProcess sidecar = servers.startSidecar(config, jar);
        http = new HttpTracker(URI.create("http://127.0.0.1:" + httpPort));
        udp = new UdpTracker(new InetSocketAddress(E2eServers.LOOPBACK, udpPort));
        servers.waitFor(sidecar).until(udp::answersConnect);
        servers.awaitWar(payara, httpPort, http);
    }

    @AfterAll
    static void stopEverythingWeStarted() throws InterruptedException {
        if (servers != null) {
            servers.close();
        }
    }

    /** The operator's jar: the compiled interceptor and a beans.xml, nothing else. */
    private static Path extensionJar(Path jar) throws IOException {
        String entry = PortBlockingMiddleware.class.getName().replace('.', '/') + ".class";
        Path compiled = Path.of(PortBlockingMiddleware.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).resolve(entry);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/beans.xml"));
            out.write(BEANS_XML.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(compiled));
        }
        return jar;
    }

    /** A copy of the packaged WAR with the operator's jar in WEB-INF/lib (what {@code jar uf} would do). */
    private static Path warWith(Path jar, Path war) throws IOException {
        Files.copy(E2eServers.artifact("e2e.war"), war, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem zip = FileSystems.newFileSystem(war, Map.of())) {
            Files.copy(jar, zip.getPath("WEB-INF", "lib", jar.getFileName().toString()));
        }
        return war;
    }

    @Test
    void theOperatorsInterceptorRefusesOverHttpAndUdp() throws Exception {
        byte[] torrent = randomBytes(20);
        for (TrackerEndpoint tracker : List.of(http, udp)) {
            assertThat(tracker.announceOutcome(torrent, randomBytes(20), PortBlockingMiddleware.BLOCKED_PORT, 0,
                    Event.STARTED)).isEqualTo(Outcome.refused(PortBlockingMiddleware.REFUSAL));
            assertThat(tracker.announceOutcome(torrent, randomBytes(20), PortBlockingMiddleware.BLOCKED_PORT + 1, 0,
                    Event.STARTED).refusal()).as("other ports pass").isNull();
        }
    }
}
