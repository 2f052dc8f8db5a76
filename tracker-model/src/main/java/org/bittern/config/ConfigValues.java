package org.bittern.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Strict readers of single configuration values, shared by every typed configuration (the tracker's, the
 * sidecar's): blank counts as absent, and any unreadable or malformed value becomes a one-line
 * {@link ConfigException} naming the key.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** The trimmed value, empty if absent or blank. Lookup failures (e.g. a bad {@code ${expression}}) name the key. */
    public static Optional<String> string(Config config, String key) {
        Optional<String> raw;
        try {
            raw = config.getOptionalValue(key, String.class);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            throw new ConfigException(key, "cannot be read: " + e.getMessage(), e);
        }
        return raw.map(String::strip).filter(s -> !s.isEmpty());
    }

    public static Duration duration(Config config, String key, Duration fallback) {
        return string(config, key).map(v -> Durations.parse(key, v)).orElse(fallback);
    }

    public static int integer(Config config, String key, int fallback) {
        Optional<String> v = string(config, key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be an integer, got " + ConfigException.quote(v.get()));
        }
    }

    public static boolean bool(Config config, String key, boolean fallback) {
        Optional<String> v = string(config, key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "must be true or false, got " + ConfigException.quote(v.get()));
        };
    }

    /** Comma-separated, {@code \,} escapes a comma (MP Config rule, applied by the Config implementation). */
    public static List<String> list(Config config, String key) {
        Optional<List<String>> raw;
        try {
            raw = config.getOptionalValues(key, String.class);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            throw new ConfigException(key, "cannot be read: " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        raw.ifPresent(items -> items.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add));
        return List.copyOf(out);
    }

    public static int between(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /**
     * Fails on the first (in sorted order) key under {@code section + "."} that is not one of {@code known}. For
     * sections that switch a feature on by being present: a misspelt key would otherwise leave the feature
     * silently off.
     *
     * @param known full key names
     */
    public static void onlyKnownKeys(Config config, String section, Set<String> known) {
        String prefix = section + ".";
        TreeSet<String> unknown = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && !known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            TreeSet<String> names = new TreeSet<>();
            known.forEach(k -> names.add(k.substring(prefix.length())));
            throw new ConfigException(unknown.first(), "unknown key; " + section + " takes "
                    + String.join(", ", names));
        }
    }

    /** {@code host:port} or {@code [v6]:port}; host names are resolved once, here. */
    public static InetSocketAddress socketAddress(String key, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new ConfigException(key, "expected host:port or [ipv6]:port, got " + ConfigException.quote(value));
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new ConfigException(key, "an IPv6 address needs brackets, as in [::1]:6969, got "
                    + ConfigException.quote(value));
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "port must be a number, got " + ConfigException.quote(value));
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, "port must be 0-65535, got " + ConfigException.quote(value));
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new ConfigException(key, "unknown host " + ConfigException.quote(host));
        }
    }
}
