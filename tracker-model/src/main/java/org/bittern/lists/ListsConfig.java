package org.bittern.lists;

import static org.bittern.config.ConfigValues.bool;
import static org.bittern.config.ConfigValues.duration;
import static org.bittern.config.ConfigValues.string;

import java.time.Duration;
import java.util.Objects;
import org.bittern.config.ConfigException;
import org.bittern.config.DatabaseConfig;
import org.bittern.config.Durations;
import org.bittern.config.TrackerConfig.Keys;
import org.eclipse.microprofile.config.Config;

/**
 * The torrent lists' settings (design §5, §7).
 *
 * @param mode              {@code tracker.lists.mode}: off (default), allow or deny
 * @param database          where the lists are; null when {@code tracker.db.url} is not set (then mode is off)
 * @param reconcileInterval {@code tracker.lists.reconcile-interval}: how often the whole list is read again,
 *                          behind the notifications (default 5m)
 * @param readyWhileStale   {@code tracker.lists.ready-while-stale}: whether {@code /health/ready} stays UP while
 *                          PostgreSQL is unreachable and the last snapshot is served (default false: not ready, so a
 *                          load balancer prefers nodes that see the database)
 */
public record ListsConfig(ListsMode mode, DatabaseConfig database, Duration reconcileInterval,
        boolean readyWhileStale) {

    /** Key of the full re-read period. */
    public static final String RECONCILE_INTERVAL = "tracker.lists.reconcile-interval";
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofMinutes(5);
    /** Key of the readiness policy while PostgreSQL is away. */
    public static final String READY_WHILE_STALE = "tracker.lists.ready-while-stale";

    public ListsConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reconcileInterval, "reconcileInterval");
        if (mode != ListsMode.OFF && database == null) {
            throw new IllegalArgumentException("lists mode " + mode + " needs a database");
        }
    }

    /** Lists off, no database. */
    public static ListsConfig off() {
        return new ListsConfig(ListsMode.OFF, null, DEFAULT_RECONCILE_INTERVAL, false);
    }

    /**
     * @throws ConfigException for an unknown mode, a mode other than off without {@code tracker.db.url} (naming that
     *         key), a malformed URL, or a reconcile interval under one second
     */
    public static ListsConfig from(Config config) {
        String raw = string(config, Keys.LISTS_MODE).orElse("off");
        ListsMode mode = switch (raw) {
            case "off" -> ListsMode.OFF;
            case "allow" -> ListsMode.ALLOW;
            case "deny" -> ListsMode.DENY;
            default -> throw new ConfigException(Keys.LISTS_MODE, "must be off, allow or deny, got "
                    + ConfigException.quote(raw));
        };
        DatabaseConfig database = DatabaseConfig.from(config).orElse(null);
        if (mode != ListsMode.OFF && database == null) {
            throw new ConfigException(Keys.DB_URL, "required when " + Keys.LISTS_MODE + " is " + raw
                    + " (the lists live in PostgreSQL)");
        }
        Duration reconcile = duration(config, RECONCILE_INTERVAL, DEFAULT_RECONCILE_INTERVAL);
        if (reconcile.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException(RECONCILE_INTERVAL, "must be at least 1s, got " + Durations.format(reconcile));
        }
        return new ListsConfig(mode, database, reconcile, bool(config, READY_WHILE_STALE, false));
    }
}
