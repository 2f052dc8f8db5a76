package org.bittern.completed;

import static org.bittern.config.ConfigValues.between;
import static org.bittern.config.ConfigValues.bool;
import static org.bittern.config.ConfigValues.duration;
import static org.bittern.config.ConfigValues.integer;

import java.time.Duration;
import java.util.Objects;
import org.bittern.config.ConfigException;
import org.bittern.config.DatabaseConfig;
import org.bittern.config.Durations;
import org.bittern.config.TrackerConfig.Keys;
import org.eclipse.microprofile.config.Config;

/**
 * The persisted completed counts' settings ({@code tracker.completed.*}, issue 4).
 *
 * @param enabled          {@code tracker.completed.persist}: true by default when {@code tracker.db.url} is set
 * @param flushInterval    {@code tracker.completed.flush-interval}: pending increments are written at least this often
 * @param flushEvents      {@code tracker.completed.flush-events}: a flush starts early once this many are pending
 * @param maxPendingSwarms {@code tracker.completed.max-pending-swarms}: torrents with unwritten increments kept
 *                         while PostgreSQL is away; a completed of one more torrent is counted as overflow
 * @param cacheSize        {@code tracker.completed.cache-size}: persisted totals kept in memory for scrapes
 * @param refreshAfter     {@code tracker.completed.refresh-after}: a scraped total older than this is read again in
 *                         the background, so increments made by other processes show up
 * @param initialBackoff   first wait after a failed database call, doubled up to {@code maxBackoff} (not
 *                         configurable: tests shorten them)
 */
public record CompletedConfig(boolean enabled, Duration flushInterval, int flushEvents, int maxPendingSwarms,
        int cacheSize, Duration refreshAfter, Duration initialBackoff, Duration maxBackoff) {

    public static final String PERSIST = "tracker.completed.persist";
    public static final String FLUSH_INTERVAL = "tracker.completed.flush-interval";
    public static final String FLUSH_EVENTS = "tracker.completed.flush-events";
    public static final String MAX_PENDING_SWARMS = "tracker.completed.max-pending-swarms";
    public static final String CACHE_SIZE = "tracker.completed.cache-size";
    public static final String REFRESH_AFTER = "tracker.completed.refresh-after";

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_FLUSH_EVENTS = 1000;
    public static final int DEFAULT_MAX_PENDING_SWARMS = 100_000;
    public static final int DEFAULT_CACHE_SIZE = 100_000;
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofSeconds(5);
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public CompletedConfig {
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(refreshAfter, "refreshAfter");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (flushEvents < 1 || maxPendingSwarms < 1 || cacheSize < 1) {
            throw new IllegalArgumentException("flushEvents, maxPendingSwarms and cacheSize must be positive");
        }
    }

    /** Off: no database, no thread. */
    public static CompletedConfig off() {
        return new CompletedConfig(false, DEFAULT_FLUSH_INTERVAL, DEFAULT_FLUSH_EVENTS, DEFAULT_MAX_PENDING_SWARMS,
                DEFAULT_CACHE_SIZE, DEFAULT_REFRESH_AFTER, INITIAL_BACKOFF, MAX_BACKOFF);
    }

    /** The same settings with other backoff bounds (tests of outages). */
    public CompletedConfig withBackoff(Duration initial, Duration max) {
        return new CompletedConfig(enabled, flushInterval, flushEvents, maxPendingSwarms, cacheSize, refreshAfter,
                initial, max);
    }

    /**
     * @throws ConfigException naming the key: {@code persist: true} without {@code tracker.db.url}, a malformed
     *         value, or one out of range
     */
    public static CompletedConfig from(Config config) {
        boolean database = DatabaseConfig.from(config).isPresent();
        boolean enabled = bool(config, PERSIST, database);
        if (enabled && !database) {
            throw new ConfigException(Keys.DB_URL, "required when " + PERSIST
                    + " is true (the completed counts live in PostgreSQL)");
        }
        Duration flushInterval = duration(config, FLUSH_INTERVAL, DEFAULT_FLUSH_INTERVAL);
        atLeast(FLUSH_INTERVAL, flushInterval, Duration.ofMillis(10));
        int flushEvents = between(FLUSH_EVENTS, integer(config, FLUSH_EVENTS, DEFAULT_FLUSH_EVENTS), 1, 1_000_000);
        int maxPending = between(MAX_PENDING_SWARMS,
                integer(config, MAX_PENDING_SWARMS, DEFAULT_MAX_PENDING_SWARMS), 1, 10_000_000);
        int cacheSize = between(CACHE_SIZE, integer(config, CACHE_SIZE, DEFAULT_CACHE_SIZE), 1, 10_000_000);
        Duration refreshAfter = duration(config, REFRESH_AFTER, DEFAULT_REFRESH_AFTER);
        atLeast(REFRESH_AFTER, refreshAfter, Duration.ofMillis(100));
        return new CompletedConfig(enabled, flushInterval, flushEvents, maxPending, cacheSize, refreshAfter,
                INITIAL_BACKOFF, MAX_BACKOFF);
    }

    private static void atLeast(String key, Duration value, Duration min) {
        if (value.compareTo(min) < 0) {
            throw new ConfigException(key, "must be at least " + Durations.format(min) + ", got "
                    + Durations.format(value));
        }
    }

    @Override
    public String toString() {
        return enabled ? "completed counts persisted: flush every " + Durations.format(flushInterval) + " or "
                + flushEvents + " events, at most " + maxPendingSwarms + " torrents pending, " + cacheSize
                + " totals cached, re-read after " + Durations.format(refreshAfter) : "completed counts not persisted";
    }
}
