package org.bittern.config;

import java.time.Duration;
import java.util.List;

/**
 * The typed, validated tracker configuration (design §7). Built once at start by {@link #from}; an invalid
 * value fails the start with a {@link ConfigException} naming the key and the reason.
 */
public record TrackerConfig(
        Duration announceInterval,       // tracker.announce-interval, default 30m
        Duration minAnnounceInterval,    // tracker.min-announce-interval, default 15m
        int numwantDefault,              // tracker.numwant.default, default 50
        int numwantMax,                  // tracker.numwant.max, default 100
        int scrapeMaxInfoHashes,         // tracker.scrape.max-info-hashes, default 50
        List<String> trustedProxies,     // tracker.http.trusted-proxies, CIDRs, default empty
        boolean allowIpSpoofing,         // tracker.http.allow-ip-spoofing, default false
        String storeType,                // tracker.store.type: memory (default) | redis
        Duration peerLifetime,           // tracker.store.peer-lifetime, default 31m
        Duration gcInterval) {           // tracker.store.gc-interval, default 3m
}
