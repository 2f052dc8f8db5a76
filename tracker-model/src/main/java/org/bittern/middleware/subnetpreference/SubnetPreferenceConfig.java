package org.bittern.middleware.subnetpreference;

import java.util.Optional;
import java.util.Set;
import org.bittern.bittorrent.SubnetPreference;
import org.bittern.config.ConfigException;
import org.bittern.config.ConfigValues;
import org.eclipse.microprofile.config.Config;

/**
 * The typed {@code tracker.middleware.subnet-preference.*} settings (issue 5, design §6): prefix lengths of the
 * announcer's own subnet per address family. Off unless a key of the section is set; a family whose key is not set
 * gets no preference.
 */
public final class SubnetPreferenceConfig {

    public static final String SECTION = "tracker.middleware.subnet-preference";
    public static final String IPV4_PREFIX = SECTION + ".ipv4-prefix";
    public static final String IPV6_PREFIX = SECTION + ".ipv6-prefix";

    private static final Set<String> KEYS = Set.of(IPV4_PREFIX, IPV6_PREFIX);

    private SubnetPreferenceConfig() {
    }

    /**
     * Reads and validates the section.
     *
     * @return empty when neither key is set
     * @throws ConfigException naming the key
     */
    public static Optional<SubnetPreference> from(Config config) {
        ConfigValues.onlyKnownKeys(config, SECTION, KEYS);
        int v4 = prefix(config, IPV4_PREFIX, 32);
        int v6 = prefix(config, IPV6_PREFIX, 128);
        return v4 == 0 && v6 == 0 ? Optional.empty() : Optional.of(new SubnetPreference(v4, v6));
    }

    /**
     * At least 1: a /0 would put every peer in one subnet, which is the plain sample at a higher cost. A leading
     * slash is accepted, as operators write prefixes that way.
     */
    private static int prefix(Config config, String key, int max) {
        Optional<String> value = ConfigValues.string(config, key);
        if (value.isEmpty()) {
            return 0;
        }
        String text = value.get();
        String digits = text.startsWith("/") ? text.substring(1) : text;
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > max) {
            throw new ConfigException(key, "must be a prefix length from 1 to " + max + " (e.g. "
                    + (max == 32 ? "24" : "64") + "), got " + ConfigException.quote(text));
        }
        return Integer.parseInt(digits);
    }
}
