package org.bittern.udp;

import jakarta.enterprise.inject.Any;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.bittern.completed.CompletedCounts;
import org.bittern.config.TrackerConfig;
import org.bittern.health.ReadinessCheck;
import org.bittern.lists.ListsConfig;
import org.bittern.lists.ListsMode;
import org.bittern.lists.TorrentLists;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.store.PeerStore;
import org.bittern.store.StoreFigures;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The running sidecar: a Weld SE container holding the same {@link Tracker} bean, interceptors and peer store
 * as the WAR, the UDP server in front of it, and the metrics listener. Configuration is MicroProfile Config
 * (SmallRye), which reads the shared YAML file through tracker-model's config source.
 */
public final class Sidecar implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Sidecar.class.getName());
    static final String LISTS_CHECK = "torrent-lists";

    private final WeldContainer container;
    private final UdpTransport server;
    private final MetricsListener listener;

    private Sidecar(WeldContainer container, UdpTransport server, MetricsListener listener) {
        this.container = container;
        this.server = server;
        this.listener = listener;
    }

    /** Boots the container and starts serving; on failure everything already started is stopped again. */
    public static Sidecar start() throws IOException {
        // Our shutdown hook stops the container after the sockets; Weld's own hook would race it.
        WeldContainer container = new Weld().skipShutdownHook().initialize();
        UdpTransport server = null;
        try {
            TrackerConfig trackerConfig = container.select(TrackerConfig.class).get();
            UdpConfig config = UdpConfig.from(ConfigProvider.getConfig());
            LOG.info(() -> "Bittern UDP configuration: " + config);
            if (config.keyGenerated()) {
                LOG.warning(() -> TrackerConfig.Keys.UDP_PRIVATE_KEY + " is not set: using a random key (fingerprint "
                        + config.keyFingerprint() + "). Connection ids will not survive a restart, and other sidecars"
                        + " behind the same address will reject them; set the same key on every sidecar.");
            }
            Tracker tracker = container.select(Tracker.class).get();
            PostHooks postHooks = container.select(PostHooks.class).get();
            PeerStore store = container.select(PeerStore.class).get();
            CompletedCounts completed = container.select(CompletedCounts.class).get();
            StoreFigures figures = container.select(StoreFigures.class).get();
            SidecarMetrics metrics = new SidecarMetrics(container.select(PrometheusBackend.class).get(),
                    () -> figures.current().totals(), postHooks::shed, completed);
            metrics.registerListsAndExpiry(container.select(TorrentLists.class).get(), store.expiryRuns());
            Supplier<UdpRequestHandler> handlers = () -> new UdpRequestHandler(tracker, postHooks, metrics,
                    new ConnectionIds(config.privateKey(), config.acceptedIdAgeSeconds(),
                            UdpConfig.CLOCK_SKEW.toSeconds()),
                    trackerConfig.allowIpSpoofing(), () -> System.currentTimeMillis() / 1000,
                    // A remote store answers in a round trip: keep many requests in flight per worker.
                    TrackerConfig.STORE_REDIS.equals(trackerConfig.storeType()) ? config.maxInFlight() : 0);
            UdpTransport udp = UdpConfig.TRANSPORT_EPOLL.equals(config.transport())
                    ? new EpollUdpServer(config, handlers, metrics)
                    : new NioUdpServer(config, handlers);
            server = udp;
            udp.start();
            Map<String, BooleanSupplier> ready = new LinkedHashMap<>();
            Map<String, Supplier<String>> details = new LinkedHashMap<>();
            ready.put(MetricsListener.READY_CHECK, () -> isStoreReachable(store));
            // The same beans the WAR's health asks, e.g. whether the jwt middleware holds its JWK set yet.
            for (ReadinessCheck check : container.select(ReadinessCheck.class, Any.Literal.INSTANCE)) {
                if (check.enabled()) {
                    ready.put(check.name(), check::ready);
                    details.put(check.name(), check::detail);
                }
            }
            // As the WAR's torrent-lists check: DOWN before the first load and (by default) while PostgreSQL is away.
            TorrentLists lists = container.select(TorrentLists.class).get();
            if (lists.mode() != ListsMode.OFF) {
                boolean readyWhileStale = container.select(ListsConfig.class).get().readyWhileStale();
                ready.put(LISTS_CHECK, () -> lists.status().ready(readyWhileStale));
                details.put(LISTS_CHECK, () -> lists.status().summary(Instant.now()));
            }
            MetricsListener listener = config.metrics() == null ? null
                    : MetricsListener.start(config.metrics(), metrics, ready, details, udp::isRunning);
            return new Sidecar(container, udp, listener);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            container.shutdown();
            throw e;
        }
    }

    /** One PING for Redis, nothing for memory: probes come every few seconds. */
    private static boolean isStoreReachable(PeerStore store) {
        store.checkAvailable();
        return true;
    }

    public List<InetSocketAddress> udpAddresses() {
        return server.boundAddresses();
    }

    /** Null when {@code tracker.udp.metrics} is {@code off}. */
    public InetSocketAddress metricsAddress() {
        return listener == null ? null : listener.address();
    }

    /**
     * Stops receiving, answers the datagrams in hand, stops the metrics listener, writes the pending completed counts
     * while the persistence unit is still open (the container's own disposal order is unspecified), then shuts the
     * container down, which drains post-hooks and closes the peer store (and its Redis connection).
     */
    @Override
    public void close() {
        server.close();
        if (listener != null) {
            listener.close();
        }
        container.select(CompletedCounts.class).get().close();
        container.shutdown();
    }
}
