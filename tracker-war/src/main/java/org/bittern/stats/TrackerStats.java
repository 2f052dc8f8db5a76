package org.bittern.stats;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.config.SidecarListener;
import org.bittern.metrics.RequestMetrics;
import org.bittern.store.StoreFigures;
import org.bittern.store.StoreStats;
import org.bittern.store.StoreSummary;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What {@code GET /api/v1/stats} and the status page show: swarm figures, announces per second over the last minute
 * per protocol, and the largest swarms. Computed at most once a second however many pages poll; the swarm figures
 * come from the process's shared {@link StoreFigures}, which paces the walks a Redis store needs.
 */
@ApplicationScoped
public class TrackerStats {

    static final long MAX_AGE_NANOS = 1_000_000_000L;

    @Inject
    StoreFigures figures;

    @Inject
    RequestMetrics requests;

    @Inject
    TorrentNames names;

    private SidecarRate sidecar;
    private JsonObject latest;
    private long computedAt;

    @PostConstruct
    void readConfig() {
        sidecar = new SidecarRate(SidecarListener.address(ConfigProvider.getConfig()).orElse(null));
    }

    /** @throws org.bittern.store.StoreUnavailableException when the store cannot be read */
    public synchronized JsonObject current() {
        long now = System.nanoTime();
        if (latest == null || now - computedAt > MAX_AGE_NANOS) {
            StoreSummary summary = figures.current();
            latest = compute(summary.totals(), summary.largest(), requests.announcesPerSecond(),
                    sidecar.announcesPerSecond());
            computedAt = System.nanoTime();
        }
        return latest;
    }

    private JsonObject compute(StoreStats totals, List<SwarmStats> largest, double http, OptionalDouble udp) {
        JsonObjectBuilder rates = Json.createObjectBuilder().add("http", http);
        if (udp.isPresent()) {
            rates.add("udp", udp.getAsDouble());
        } else {
            rates.addNull("udp");
        }
        JsonArrayBuilder top = Json.createArrayBuilder();
        Map<InfoHash, String> named = names.namesOf(largest.stream().map(SwarmStats::infoHash).toList());
        for (SwarmStats swarm : largest) {
            JsonObjectBuilder torrent = Json.createObjectBuilder()
                    .add("infoHash", swarm.infoHash().toHex());
            String name = named.get(swarm.infoHash());
            if (name == null) {
                torrent.addNull("name");
            } else {
                torrent.add("name", name);
            }
            top.add(torrent.add("seeders", swarm.complete()).add("leechers", swarm.incomplete())
                    .add("downloaded", swarm.downloaded()));
        }
        return Json.createObjectBuilder()
                .add("swarms", totals.swarms())
                .add("seeders", totals.seeders())
                .add("leechers", totals.leechers())
                .add("announcesPerSecond", rates)
                .add("topTorrents", top)
                .add("generatedAt", Instant.now().toString())
                .build();
    }
}
