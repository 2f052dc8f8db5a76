package org.bittern.udp;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.metrics.Action;
import org.bittern.metrics.Result;
import org.bittern.store.StoreStats;

/**
 * The sidecar's metrics, in Prometheus text, with the WAR's names and labels ({@code tracker_requests_seconds}
 * by protocol, action, family and result; {@code tracker_swarms}, {@code tracker_seeders},
 * {@code tracker_leechers}, {@code tracker_posthooks_shed}) plus what only UDP has: connects, and datagrams
 * dropped or rejected by reason. Every label combination is created up front, so recording is an array lookup.
 */
public final class SidecarMetrics {
    static final String PROTOCOL = "udp";
    private static final long STATS_MAX_AGE_NANOS = 1_000_000_000L;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final DistributionDataPoint[] requests;
    private final CounterDataPoint[] dropped;
    private final CounterDataPoint[] rejected;
    private final CounterDataPoint connects;
    private final Supplier<StoreStats> stats;
    private StoreStats lastStats;
    private long lastStatsAt;

    /**
     * @param stats read when scraped: store figures (one read serves the three gauges)
     * @param shed  post-hook events dropped so far
     */
    public SidecarMetrics(Supplier<StoreStats> stats, LongSupplier shed) {
        Histogram histogram = Histogram.builder()
                .name("tracker_requests_seconds")
                .help("Tracker requests answered, by protocol, action, address family and result")
                .labelNames("protocol", "action", "family", "result")
                .classicOnly()
                .classicUpperBounds(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1, 2.5)
                .withoutExemplars()
                .register(registry);
        requests = new DistributionDataPoint[Action.values().length * AddressFamily.values().length
                * Result.values().length];
        for (Action action : Action.values()) {
            for (AddressFamily family : AddressFamily.values()) {
                for (Result result : Result.values()) {
                    requests[index(action, family, result)] =
                            histogram.labelValues(PROTOCOL, action.label(), family.label(), result.label());
                }
            }
        }

        Counter droppedCounter = Counter.builder().name("tracker_udp_dropped")
                .help("Datagrams dropped without an answer, by reason").labelNames("reason")
                .withoutExemplars().register(registry);
        dropped = new CounterDataPoint[DropReason.values().length];
        for (DropReason reason : DropReason.values()) {
            dropped[reason.ordinal()] = droppedCounter.labelValues(reason.label());
        }
        Counter rejectedCounter = Counter.builder().name("tracker_udp_rejected")
                .help("Datagrams answered with an error packet before reaching the tracker, by reason")
                .labelNames("reason").withoutExemplars().register(registry);
        rejected = new CounterDataPoint[RejectReason.values().length];
        for (RejectReason reason : RejectReason.values()) {
            rejected[reason.ordinal()] = rejectedCounter.labelValues(reason.label());
        }
        connects = Counter.builder().name("tracker_udp_connects").help("Connection ids issued (BEP 15 connect)")
                .withoutExemplars().register(registry);

        this.stats = stats;
        GaugeWithCallback.builder().name("tracker_swarms").help("Swarms with at least one peer")
                .callback(cb -> cb.call(storeStats().swarms())).register(registry);
        GaugeWithCallback.builder().name("tracker_seeders").help("Seeders over all swarms and address families")
                .callback(cb -> cb.call(storeStats().seeders())).register(registry);
        GaugeWithCallback.builder().name("tracker_leechers").help("Leechers over all swarms and address families")
                .callback(cb -> cb.call(storeStats().leechers())).register(registry);
        GaugeWithCallback.builder().name("tracker_udp_kernel_receive_buffer_errors")
                .help("UDP datagrams the kernel dropped because a socket's receive buffer was full (whole host,"
                        + " all sockets; Linux RcvbufErrors)")
                .callback(cb -> {
                    long drops = KernelUdpCounters.receiveBufferErrors();
                    if (drops >= 0) {
                        cb.call(drops);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tracker_posthooks_shed")
                .help("Post-hook events dropped because observers could not keep up")
                .callback(cb -> cb.call(shed.getAsLong())).register(registry);
    }

    /** The three store gauges are read in one scrape; a Redis stats read walks every swarm, so it is done once. */
    private synchronized StoreStats storeStats() {
        long now = System.nanoTime();
        if (lastStats == null || now - lastStatsAt > STATS_MAX_AGE_NANOS) {
            lastStats = stats.get();
            lastStatsAt = now;
        }
        return lastStats;
    }

    private static int index(Action action, AddressFamily family, Result result) {
        return (action.ordinal() * AddressFamily.values().length + family.ordinal()) * Result.values().length
                + result.ordinal();
    }

    public void request(Action action, AddressFamily family, Result result, long nanos) {
        requests[index(action, family, result)].observe(nanos / 1e9);
    }

    public void dropped(DropReason reason) {
        dropped[reason.ordinal()].inc();
    }

    public void rejected(RejectReason reason) {
        rejected[reason.ordinal()].inc();
    }

    public void connected() {
        connects.inc();
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
