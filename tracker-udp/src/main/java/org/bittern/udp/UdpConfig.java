package org.bittern.udp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bittern.config.ConfigException;
import org.bittern.config.Durations;
import org.bittern.config.SidecarListener;
import org.bittern.config.TrackerConfig.Keys;
import static org.bittern.config.ConfigValues.between;
import static org.bittern.config.ConfigValues.duration;
import static org.bittern.config.ConfigValues.integer;
import static org.bittern.config.ConfigValues.socketAddress;
import static org.bittern.config.ConfigValues.string;
import org.eclipse.microprofile.config.Config;

/**
 * The sidecar's own settings ({@code tracker.udp.*}, design §7), read and validated once at start.
 *
 * @param listen               sockets to serve on ({@code tracker.udp.listen})
 * @param privateKey           connection-id key ({@code tracker.udp.private-key}); random when not configured
 * @param keyGenerated         whether {@link #privateKey} was generated because none was configured
 * @param connectionIdLifetime how long a connection id is accepted, before {@link #CONNECTION_ID_GRACE}
 * @param metrics              the metrics and health listener, or null when switched off ({@code off})
 * @param workers              receive workers per listen address ({@code tracker.udp.workers})
 * @param receiveBufferBytes   SO_RCVBUF per socket ({@code tracker.udp.receive-buffer}): the bounded queue in
 *                             front of each worker, where the kernel drops (and counts) what does not fit
 * @param transport            {@link #TRANSPORT_NIO} or {@link #TRANSPORT_EPOLL} ({@code tracker.udp.transport})
 * @param maxInFlight          requests one worker may have waiting for a Redis store ({@code tracker.udp.max-in-flight});
 *                             beyond it datagrams are dropped and counted as overload
 */
public record UdpConfig(
        List<InetSocketAddress> listen,
        byte[] privateKey,
        boolean keyGenerated,
        Duration connectionIdLifetime,
        InetSocketAddress metrics,
        int workers,
        int receiveBufferBytes,
        String transport,
        int maxInFlight) {

    public static final String WORKERS = "tracker.udp.workers";
    public static final String RECEIVE_BUFFER = "tracker.udp.receive-buffer";
    public static final String TRANSPORT = "tracker.udp.transport";
    public static final String MAX_IN_FLIGHT = "tracker.udp.max-in-flight";
    public static final String TRANSPORT_NIO = "nio";
    public static final String TRANSPORT_EPOLL = "epoll";

    static final String DEFAULT_LISTEN = "0.0.0.0:6969,[::]:6969";
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(2);
    static final int DEFAULT_RECEIVE_BUFFER = 4 << 20;
    /** Enough to keep one Redis connection busy (a few round trips of batched announces) without hoarding memory. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 4096;
    /** Shorter keys are guessable; 16 bytes is the HMAC-SHA256 minimum that NIST SP 800-107 allows. */
    static final int MIN_KEY_BYTES = 16;

    /** Accepted beyond the lifetime, so a client that connected just before expiry finishes its announce. */
    public static final Duration CONNECTION_ID_GRACE = Duration.ofSeconds(30);
    /** Accepted from the future: the clocks of sidecars behind one load balancer differ a little. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    public UdpConfig {
        listen = List.copyOf(listen);
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(connectionIdLifetime, "connectionIdLifetime");
    }

    public static UdpConfig from(Config config) {
        List<InetSocketAddress> listen = new ArrayList<>();
        for (String item : string(config, Keys.UDP_LISTEN).orElse(DEFAULT_LISTEN).split(",")) {
            if (!item.isBlank()) {
                listen.add(socketAddress(Keys.UDP_LISTEN, item.strip()));
            }
        }
        if (listen.isEmpty()) {
            throw new ConfigException(Keys.UDP_LISTEN, "must name at least one host:port");
        }

        Optional<String> key = string(config, Keys.UDP_PRIVATE_KEY);
        byte[] privateKey;
        if (key.isPresent()) {
            privateKey = key.get().getBytes(StandardCharsets.UTF_8);
            if (privateKey.length < MIN_KEY_BYTES) {
                // The length is safe to say; the key is not.
                throw new ConfigException(Keys.UDP_PRIVATE_KEY, "must be at least " + MIN_KEY_BYTES + " bytes, got "
                        + privateKey.length);
            }
        } else {
            privateKey = new byte[32];
            new SecureRandom().nextBytes(privateKey);
        }

        Duration lifetime = duration(config, Keys.UDP_CONNECTION_ID_LIFETIME, DEFAULT_LIFETIME);
        if (lifetime.compareTo(Duration.ofSeconds(10)) < 0 || lifetime.compareTo(Duration.ofDays(1)) > 0) {
            throw new ConfigException(Keys.UDP_CONNECTION_ID_LIFETIME, "must be between 10s and 1d, got "
                    + Durations.format(lifetime));
        }

        InetSocketAddress metrics = SidecarListener.address(config).orElse(null);

        int workers = integer(config, WORKERS, Runtime.getRuntime().availableProcessors());
        between(WORKERS, workers, 1, 256);
        int receiveBuffer = between(RECEIVE_BUFFER, integer(config, RECEIVE_BUFFER, DEFAULT_RECEIVE_BUFFER),
                64 * 1024, 1 << 30);
        String transport = string(config, TRANSPORT).orElseGet(UdpConfig::defaultTransport);
        if (!transport.equals(TRANSPORT_NIO) && !transport.equals(TRANSPORT_EPOLL)) {
            throw new ConfigException(TRANSPORT, "must be nio or epoll, got " + ConfigException.quote(transport));
        }
        int maxInFlight = between(MAX_IN_FLIGHT, integer(config, MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT), 1, 1 << 20);
        return new UdpConfig(listen, privateKey, key.isEmpty(), lifetime, metrics, workers, receiveBuffer, transport,
                maxInFlight);
    }

    /**
     * Batched system calls answered 1.9× the datagrams per core of one-per-datagram NIO here (README,
     * Performance), so epoll wherever Netty's native library loads (Linux x86_64), NIO elsewhere. An explicit
     * {@code epoll} where it does not load fails the start instead.
     */
    static String defaultTransport() {
        return EpollUdpServer.isAvailable() ? TRANSPORT_EPOLL : TRANSPORT_NIO;
    }

    /** Lifetime plus grace, in seconds, as {@link ConnectionIds} wants it. */
    public long acceptedIdAgeSeconds() {
        return connectionIdLifetime.plus(CONNECTION_ID_GRACE).toSeconds();
    }

    /** A short fingerprint of the key for logs: enough to tell whether two sidecars share it, useless to forge. */
    public String keyFingerprint() {
        return HexFormat.of().formatHex(new ConnectionIds(privateKey, 0, 0).fingerprint());
    }

    @Override
    public String toString() {
        return "UdpConfig[listen=" + listen + ", privateKey=" + (keyGenerated ? "generated" : "configured")
                + " (fingerprint " + keyFingerprint() + "), connectionIdLifetime="
                + Durations.format(connectionIdLifetime) + ", metrics=" + (metrics == null ? SidecarListener.OFF : metrics)
                + ", workers=" + workers + ", receiveBufferBytes=" + receiveBufferBytes + ", transport=" + transport
                + ", maxInFlight=" + maxInFlight + "]";
    }
}
