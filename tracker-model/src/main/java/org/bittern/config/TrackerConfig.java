package org.bittern.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.lettuce.core.RedisURI;
import org.bittern.store.redis.RedisPeerStore;
import org.eclipse.microprofile.config.Config;

import static org.bittern.config.ConfigValues.bool;
import static org.bittern.config.ConfigValues.duration;
import static org.bittern.config.ConfigValues.integer;
import static org.bittern.config.ConfigValues.list;
import static org.bittern.config.ConfigValues.string;

/**
 * The typed, validated tracker configuration (design §7). Built once at start by {@link #from}; an invalid
 * value fails the start with a {@link ConfigException} naming the key and the reason.
 *
 * <p>The canonical constructor only rejects nulls and copies the list, so tests may build unusual values (say a
 * 50 ms GC interval); the operator-facing rules are applied by {@link #from}.
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
        Duration gcInterval,             // tracker.store.gc-interval, default 3m
        String redisUri,                 // tracker.store.redis.uri, default redis://127.0.0.1:6379
        String redisKeyPrefix,           // tracker.store.redis.key-prefix, default bittern:
        boolean redisCluster) {          // tracker.store.redis.cluster, default false

    /** The configuration keys of design §7 (a public contract). Keys read by other modules are listed too. */
    public static final class Keys {
        public static final String ANNOUNCE_INTERVAL = "tracker.announce-interval";
        public static final String MIN_ANNOUNCE_INTERVAL = "tracker.min-announce-interval";
        public static final String NUMWANT_DEFAULT = "tracker.numwant.default";
        public static final String NUMWANT_MAX = "tracker.numwant.max";
        public static final String SCRAPE_MAX_INFO_HASHES = "tracker.scrape.max-info-hashes";
        public static final String HTTP_TRUSTED_PROXIES = "tracker.http.trusted-proxies";
        public static final String HTTP_ALLOW_IP_SPOOFING = "tracker.http.allow-ip-spoofing";
        public static final String STORE_TYPE = "tracker.store.type";
        public static final String STORE_PEER_LIFETIME = "tracker.store.peer-lifetime";
        public static final String STORE_GC_INTERVAL = "tracker.store.gc-interval";
        public static final String STORE_REDIS_URI = "tracker.store.redis.uri";
        public static final String STORE_REDIS_KEY_PREFIX = "tracker.store.redis.key-prefix";
        public static final String STORE_REDIS_CLUSTER = "tracker.store.redis.cluster";
        // Read by other modules, not part of this record:
        public static final String UDP_LISTEN = "tracker.udp.listen";
        public static final String UDP_PRIVATE_KEY = "tracker.udp.private-key";
        public static final String UDP_CONNECTION_ID_LIFETIME = "tracker.udp.connection-id-lifetime";
        public static final String UDP_METRICS = "tracker.udp.metrics";
        public static final String LISTS_MODE = "tracker.lists.mode";
        public static final String DB_URL = "tracker.db.url";
        public static final String DB_USER = "tracker.db.user";
        public static final String DB_PASSWORD = "tracker.db.password";
        public static final String DB_DATASOURCE = "tracker.db.datasource";
        public static final String ADMIN_TOKEN = "tracker.admin.token";

        private Keys() {
        }
    }

    /** {@code tracker.store.type} value for the in-process store. */
    public static final String STORE_MEMORY = "memory";
    /** {@code tracker.store.type} value for the Redis store. */
    public static final String STORE_REDIS = "redis";
    /** Accepted {@code tracker.store.type} values. */
    public static final Set<String> STORE_TYPES = Set.of(STORE_MEMORY, STORE_REDIS);
    /** Default {@code tracker.store.redis.uri} (design §7). */
    public static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:6379";
    /** Default {@code tracker.store.redis.key-prefix}: put before every key the Redis store writes. */
    public static final String DEFAULT_REDIS_KEY_PREFIX = "bittern:";

    /** The reason given for a malformed {@code tracker.store.redis.uri}; the value itself is never echoed. */
    static final String REDIS_URI_FORM =
            "not a valid Redis URI (redis://[[user:]password@]host:port[/db], rediss:// for TLS)";
    /** The reason given for a cluster seed list that names a database or Sentinels. */
    static final String REDIS_CLUSTER_URI_FORM = "with " + Keys.STORE_REDIS_CLUSTER + ": true, one or more "
            + "redis:// or rediss:// URIs of cluster nodes, separated by commas, without a database (a cluster has only 0)";

    /** Upper bound of {@code tracker.scrape.max-info-hashes}: beyond it the request URL alone is ~60 KB. */
    public static final int SCRAPE_MAX_INFO_HASHES_LIMIT = 1000;

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    /** Intervals are sent to clients as 32-bit seconds. */
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(Integer.MAX_VALUE);

    public TrackerConfig {
        Objects.requireNonNull(announceInterval, "announceInterval");
        Objects.requireNonNull(minAnnounceInterval, "minAnnounceInterval");
        trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
        Objects.requireNonNull(storeType, "storeType");
        Objects.requireNonNull(peerLifetime, "peerLifetime");
        Objects.requireNonNull(gcInterval, "gcInterval");
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
    }

    /** The built-in defaults of design §7: an open tracker with the memory store. */
    public static TrackerConfig defaults() {
        return new TrackerConfig(Duration.ofMinutes(30), Duration.ofMinutes(15), 50, 100, 50, List.of(), false,
                STORE_MEMORY, Duration.ofMinutes(31), Duration.ofMinutes(3), DEFAULT_REDIS_URI,
                DEFAULT_REDIS_KEY_PREFIX, false);
    }

    /** {@link #announceInterval()} in whole seconds (as sent to clients), saturated at {@code Integer.MAX_VALUE}. */
    public int announceIntervalSeconds() {
        return toIntSeconds(announceInterval);
    }

    /** {@link #minAnnounceInterval()} in whole seconds, saturated at {@code Integer.MAX_VALUE}. */
    public int minAnnounceIntervalSeconds() {
        return toIntSeconds(minAnnounceInterval);
    }

    private static int toIntSeconds(Duration d) {
        return (int) Math.max(0, Math.min(d.getSeconds(), Integer.MAX_VALUE));
    }

    /**
     * Reads and validates the tracker keys; absent (or empty) keys take the {@link #defaults()}.
     *
     * @throws ConfigException (one line, {@code <key>: <reason>}) for the first invalid value, in component order
     */
    public static TrackerConfig from(Config config) {
        Objects.requireNonNull(config, "config");
        TrackerConfig d = defaults();

        Duration announce = duration(config, Keys.ANNOUNCE_INTERVAL, d.announceInterval);
        atLeastOneSecond(Keys.ANNOUNCE_INTERVAL, announce);
        atMost(Keys.ANNOUNCE_INTERVAL, announce, MAX_INTERVAL);
        Duration minAnnounce = duration(config, Keys.MIN_ANNOUNCE_INTERVAL, d.minAnnounceInterval);
        atLeastOneSecond(Keys.MIN_ANNOUNCE_INTERVAL, minAnnounce);
        if (minAnnounce.compareTo(announce) > 0) {
            throw new ConfigException(Keys.MIN_ANNOUNCE_INTERVAL, "must not exceed " + Keys.ANNOUNCE_INTERVAL + " ("
                    + Durations.format(announce) + "), got " + Durations.format(minAnnounce));
        }

        int numwantDefault = integer(config, Keys.NUMWANT_DEFAULT, d.numwantDefault);
        atLeast(Keys.NUMWANT_DEFAULT, numwantDefault, 0);
        int numwantMax = integer(config, Keys.NUMWANT_MAX, d.numwantMax);
        atLeast(Keys.NUMWANT_MAX, numwantMax, 1);
        if (numwantDefault > numwantMax) {
            throw new ConfigException(Keys.NUMWANT_DEFAULT, "must not exceed " + Keys.NUMWANT_MAX + " (" + numwantMax
                    + "), got " + numwantDefault);
        }

        int scrapeMax = integer(config, Keys.SCRAPE_MAX_INFO_HASHES, d.scrapeMaxInfoHashes);
        atLeast(Keys.SCRAPE_MAX_INFO_HASHES, scrapeMax, 1);
        if (scrapeMax > SCRAPE_MAX_INFO_HASHES_LIMIT) {
            throw new ConfigException(Keys.SCRAPE_MAX_INFO_HASHES, "must be at most " + SCRAPE_MAX_INFO_HASHES_LIMIT
                    + ", got " + scrapeMax);
        }

        List<String> trustedProxies = list(config, Keys.HTTP_TRUSTED_PROXIES);
        boolean allowIpSpoofing = bool(config, Keys.HTTP_ALLOW_IP_SPOOFING, d.allowIpSpoofing);

        String storeType = string(config, Keys.STORE_TYPE).orElse(d.storeType);
        if (!STORE_TYPES.contains(storeType)) {
            throw new ConfigException(Keys.STORE_TYPE, "must be memory or redis, got " + ConfigException.quote(storeType));
        }
        Duration peerLifetime = duration(config, Keys.STORE_PEER_LIFETIME, d.peerLifetime);
        if (peerLifetime.compareTo(announce) < 0) {
            throw new ConfigException(Keys.STORE_PEER_LIFETIME, "must be at least " + Keys.ANNOUNCE_INTERVAL + " ("
                    + Durations.format(announce) + ") or peers expire between announces, got "
                    + Durations.format(peerLifetime));
        }
        Duration gcInterval = duration(config, Keys.STORE_GC_INTERVAL, d.gcInterval);
        atLeastOneSecond(Keys.STORE_GC_INTERVAL, gcInterval);

        // Checked whatever the store type, like every other key: a typo shows at the start, not on the day the
        // store is switched to Redis.
        boolean redisCluster = bool(config, Keys.STORE_REDIS_CLUSTER, d.redisCluster);
        String redisUri = string(config, Keys.STORE_REDIS_URI).orElse(d.redisUri);
        checkRedisUri(redisUri, redisCluster);
        String redisKeyPrefix = string(config, Keys.STORE_REDIS_KEY_PREFIX).orElse(d.redisKeyPrefix);
        if (redisKeyPrefix.indexOf('{') >= 0 || redisKeyPrefix.indexOf('}') >= 0) {
            // Redis Cluster hashes the first {...} of a key: braces in the prefix would replace the swarm's hash
            // tag, putting every swarm in one slot or splitting a swarm's keys across slots.
            throw new ConfigException(Keys.STORE_REDIS_KEY_PREFIX, "must not contain '{' or '}' (Redis Cluster hash "
                    + "tags), got " + ConfigException.quote(redisKeyPrefix));
        }

        return new TrackerConfig(announce, minAnnounce, numwantDefault, numwantMax, scrapeMax, trustedProxies,
                allowIpSpoofing, storeType, peerLifetime, gcInterval, redisUri, redisKeyPrefix, redisCluster);
    }

    /**
     * The record's text, for the start-up log line, with any password of {@link #redisUri()} masked.
     */
    @Override
    public String toString() {
        return "TrackerConfig[announceInterval=" + announceInterval + ", minAnnounceInterval=" + minAnnounceInterval
                + ", numwantDefault=" + numwantDefault + ", numwantMax=" + numwantMax + ", scrapeMaxInfoHashes="
                + scrapeMaxInfoHashes + ", trustedProxies=" + trustedProxies + ", allowIpSpoofing=" + allowIpSpoofing
                + ", storeType=" + storeType + ", peerLifetime=" + peerLifetime + ", gcInterval=" + gcInterval
                + ", redisUri=" + withoutCredentials(redisUri) + ", redisKeyPrefix=" + redisKeyPrefix + ", redisCluster=" + redisCluster + "]";
    }

    /**
     * {@code uri} with everything between {@code ://} (or the start) and the last {@code @} replaced by
     * {@code ***}. The last {@code @} rather than the end of the authority: a password may itself hold {@code /}
     * or {@code @}, and masking too much only costs a log line some detail.
     */
    static String withoutCredentials(String uri) {
        int at = uri.lastIndexOf('@');
        if (at < 0) {
            return uri;
        }
        int scheme = uri.indexOf("://");
        int from = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        return uri.substring(0, from) + "***" + uri.substring(at);
    }

    /**
     * Parses {@code uri} as the Redis store will (Lettuce), so a malformed one fails the start with one line.
     * Neither the URI nor Lettuce's message (which quotes it) is repeated, not even as the cause: both may hold
     * the password.
     *
     * @throws ConfigException naming {@link Keys#STORE_REDIS_URI}
     */
    public static void checkRedisUri(String uri) {
        checkRedisUri(uri, false);
    }

    /**
     * {@link #checkRedisUri(String)} for the value of {@link Keys#STORE_REDIS_CLUSTER}: with {@code cluster}, a
     * comma-separated list of seed nodes, each without a database number or Sentinels.
     *
     * @throws ConfigException naming {@link Keys#STORE_REDIS_URI}
     */
    public static void checkRedisUri(String uri, boolean cluster) {
        List<RedisURI> parsed;
        try {
            parsed = RedisPeerStore.uris(uri, cluster);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(Keys.STORE_REDIS_URI, cluster ? REDIS_CLUSTER_URI_FORM : REDIS_URI_FORM);
        }
        for (RedisURI seed : parsed) {
            if (cluster && (seed.getDatabase() != 0 || !seed.getSentinels().isEmpty())) {
                throw new ConfigException(Keys.STORE_REDIS_URI, REDIS_CLUSTER_URI_FORM);
            }
        }
    }

    // ---- strict readers -----------------------------------------------------------------------------------------

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new ConfigException(key, "must be at least " + min + ", got " + value);
        }
    }

    private static void atLeastOneSecond(String key, Duration value) {
        if (value.compareTo(ONE_SECOND) < 0) {
            throw new ConfigException(key, "must be at least 1s, got " + Durations.format(value));
        }
    }

    private static void atMost(String key, Duration value, Duration max) {
        if (value.compareTo(max) > 0) {
            throw new ConfigException(key, "must be at most " + Durations.format(max) + ", got "
                    + Durations.format(value));
        }
    }
}
