package org.bittern.udp;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.completed.CompletedGauges;
import org.bittern.completed.CompletedCounts;
import org.bittern.lists.ListsGauges;
import org.bittern.lists.TorrentLists;
import org.bittern.metrics.Action;
import org.bittern.metrics.MetricsBackend;
import org.bittern.metrics.MetricsBackend.EventCounter;
import org.bittern.metrics.MetricsBackend.Label;
import org.bittern.metrics.RequestMetrics;
import org.bittern.metrics.Result;
import org.bittern.metrics.StoreGauges;
import org.bittern.store.ExpiryRuns;
import org.bittern.store.StoreStats;

/**
 * The sidecar's metrics, in Prometheus text: what every Bittern process shows ({@link RequestMetrics},
 * {@link StoreGauges}, registered by the same code as in the WAR) plus what only UDP has: connects, and datagrams
 * dropped or rejected by reason. Every label combination is created up front, so recording is an array lookup.
 */
public final class SidecarMetrics {
    static final String PROTOCOL = "udp";

    private final PrometheusRegistry registry;
    private final MetricsBackend backend;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final RequestMetrics requests;
    private final EventCounter[] dropped;
    private final EventCounter[] rejected;
    private final EventCounter connects;

    /**
     * @param stats read for each swarm gauge when scraped: the process's StoreFigures, whose one walk serves them all
     * @param shed  post-hook events dropped so far
     */
    public SidecarMetrics(Supplier<StoreStats> stats, LongSupplier shed) {
        this(stats, shed, CompletedCounts.off());
    }

    /** @param completed the persisted completed counts, whose figures are read when scraped (none when off) */
    public SidecarMetrics(Supplier<StoreStats> stats, LongSupplier shed, CompletedCounts completed) {
        this(new PrometheusBackend(new PrometheusRegistry()), stats, shed, completed);
    }

    /** @param backend the sidecar container's ({@link SidecarMetricsBackend}), which the peer store also uses */
    SidecarMetrics(PrometheusBackend backend, Supplier<StoreStats> stats, LongSupplier shed,
            CompletedCounts completed) {
        this.backend = backend;
        this.registry = backend.registry();
        requests = new RequestMetrics(backend, PROTOCOL);
        StoreGauges.register(backend, stats, shed);
        CompletedGauges.register(backend, completed);

        dropped = new EventCounter[DropReason.values().length];
        for (DropReason reason : DropReason.values()) {
            dropped[reason.ordinal()] = backend.counter("tracker_udp_dropped",
                    "Datagrams dropped without an answer, by reason", List.of(new Label("reason", reason.label())));
        }
        rejected = new EventCounter[RejectReason.values().length];
        for (RejectReason reason : RejectReason.values()) {
            rejected[reason.ordinal()] = backend.counter("tracker_udp_rejected",
                    "Datagrams answered with an error packet before reaching the tracker, by reason",
                    List.of(new Label("reason", reason.label())));
        }
        connects = backend.counter("tracker_udp_connects", "Connection ids issued (BEP 15 connect)", List.of());
        backend.gauge("tracker_udp_kernel_receive_buffer_errors",
                "UDP datagrams the kernel dropped because a socket's receive buffer was full (whole host,"
                        + " all sockets; Linux RcvbufErrors)", List.of(), () -> {
                    long drops = KernelUdpCounters.receiveBufferErrors();
                    return drops >= 0 ? drops : Double.NaN;
                });
    }

    public void request(Action action, AddressFamily family, Result result, long nanos) {
        requests.record(action, family, result, nanos);
    }

    /** UDP announces answered per second over the last minute. */
    public double announcesPerSecond() {
        return requests.announcesPerSecond();
    }

    /** The gauges of the sidecar's torrent lists and of its store's background expiry, as the WAR shows them. */
    void registerListsAndExpiry(TorrentLists lists, ExpiryRuns expiry) {
        ListsGauges.register(backend, lists, Clock.systemUTC());
        StoreGauges.registerExpiry(backend, expiry);
    }

    public void dropped(DropReason reason) {
        dropped[reason.ordinal()].increment();
    }

    public void rejected(RejectReason reason) {
        rejected[reason.ordinal()].increment();
    }

    public void connected() {
        connects.increment();
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
