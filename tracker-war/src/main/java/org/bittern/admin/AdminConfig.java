package org.bittern.admin;

import static org.bittern.config.ConfigValues.bool;
import static org.bittern.config.ConfigValues.string;

import java.util.Optional;
import org.bittern.config.ConfigException;
import org.bittern.config.DatabaseConfig;
import org.bittern.config.TrackerConfig.Keys;
import org.eclipse.microprofile.config.Config;

/**
 * The admin API's settings.
 *
 * @param token           {@code tracker.admin.token}; empty: the API is off (404)
 * @param database        whether {@code tracker.db.url} is set; if not, the API answers 503
 * @param maxImportBytes  {@code tracker.admin.max-import-bytes}: largest list body (default 64 MiB); more is 413
 * @param publicStats     {@code tracker.stats.public} (default true): {@code /api/v1/stats}, which the status page
 *                        reads, answers without the token; when false it takes the token (but no database)
 */
public record AdminConfig(Optional<AdminToken> token, boolean database, long maxImportBytes, boolean publicStats) {

    public static final String MAX_IMPORT_BYTES = "tracker.admin.max-import-bytes";
    public static final long DEFAULT_MAX_IMPORT_BYTES = 64L << 20;
    public static final String PUBLIC_STATS = "tracker.stats.public";
    /** Largest .torrent file: real ones with many pieces reach a few MiB. */
    public static final long MAX_TORRENT_BYTES = 10L << 20;
    /** Largest JSON body of a single torrent. */
    public static final long MAX_JSON_BYTES = 64L << 10;

    /** @throws ConfigException for a malformed {@code tracker.db.url} or import limit */
    public static AdminConfig from(Config config) {
        long max = string(config, MAX_IMPORT_BYTES).map(AdminConfig::bytes).orElse(DEFAULT_MAX_IMPORT_BYTES);
        return new AdminConfig(string(config, Keys.ADMIN_TOKEN).map(AdminToken::new),
                DatabaseConfig.from(config).isPresent(), max, bool(config, PUBLIC_STATS, true));
    }

    private static long bytes(String value) {
        try {
            long n = Long.parseLong(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ConfigException(MAX_IMPORT_BYTES, "must be a positive number of bytes, got "
                + ConfigException.quote(value));
    }
}
