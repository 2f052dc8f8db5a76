package org.bittern.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bittern.logic.PostHooks;
import org.bittern.store.PeerStore;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Swarm figures and shed post-hook work as gauges, read from the store when Prometheus scrapes. */
@ApplicationScoped
public class StoreGauges {

    @Inject
    MetricRegistry registry;

    @Inject
    PeerStore store;

    @Inject
    PostHooks postHooks;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge("tracker_swarms", "Swarms with at least one peer", () -> store.stats().swarms());
        gauge("tracker_seeders", "Seeders over all swarms and address families", () -> store.stats().seeders());
        gauge("tracker_leechers", "Leechers over all swarms and address families", () -> store.stats().leechers());
        gauge("tracker_posthooks_shed", "Post-hook events dropped because observers could not keep up",
                () -> postHooks.shed());
    }

    private void gauge(String name, String description, java.util.function.Supplier<Long> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value);
    }
}
