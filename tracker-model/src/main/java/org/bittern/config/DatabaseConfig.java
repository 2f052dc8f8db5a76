package org.bittern.config;

import static org.bittern.config.ConfigValues.string;

import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.bittern.config.TrackerConfig.Keys;
import org.eclipse.microprofile.config.Config;

/**
 * Where PostgreSQL is ({@code tracker.db.url}, {@code .user}, {@code .password}; design §5, §7). Read by whatever
 * needs the database: the lists snapshot, the operator's migration command, later the admin API.
 *
 * @param url      a pgjdbc URL, {@code jdbc:postgresql://host:port/database[?...]}
 * @param user     may be null (then pgjdbc takes it from the URL, or the OS user)
 * @param password may be null; never logged
 */
public record DatabaseConfig(String url, String user, String password) {

    static final String URL_FORM = "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)";

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
    }

    /**
     * @return empty when {@code tracker.db.url} is absent or blank: the tracker then runs without a database
     * @throws ConfigException if the URL is not a PostgreSQL JDBC URL; the URL itself is not echoed, it may hold a
     *         password
     */
    public static Optional<DatabaseConfig> from(Config config) {
        Optional<String> url = string(config, Keys.DB_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw new ConfigException(Keys.DB_URL, URL_FORM);
        }
        return Optional.of(new DatabaseConfig(url.get(), string(config, Keys.DB_USER).orElse(null),
                // ConfigValues strips every value, so a password with leading or trailing spaces is not supported.
                string(config, Keys.DB_PASSWORD).orElse(null)));
    }

    /** Connection properties for pgjdbc: user and password when set. */
    public Properties connectionProperties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** Without the password, and without anything between {@code //} and {@code @} in the URL. */
    @Override
    public String toString() {
        return "DatabaseConfig[url=" + TrackerConfig.withoutCredentials(withoutQuery(url)) + ", user=" + user
                + ", password=" + (password == null ? "none" : "***") + "]";
    }

    /** URL parameters may carry {@code password=...}; the log line does without all of them. */
    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }
}
