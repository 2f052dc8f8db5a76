package org.bittern.middleware.clientapproval;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bittern.config.ConfigException;
import org.bittern.config.ConfigValues;
import org.eclipse.microprofile.config.Config;

/**
 * The typed {@code tracker.middleware.client-approval.*} settings (issue 5): either a whitelist or a blacklist of
 * client ids. Off unless one of the two lists has an entry.
 *
 * @param mode    which list was given
 * @param clients its client ids, in the order written, without repeats
 */
public record ClientApprovalConfig(Mode mode, Set<ClientId> clients) {

    public static final String SECTION = "tracker.middleware.client-approval";
    public static final String WHITELIST = SECTION + ".whitelist";
    public static final String BLACKLIST = SECTION + ".blacklist";

    public enum Mode {
        /** Only listed clients may announce. */
        WHITELIST,
        /** Listed clients may not announce. */
        BLACKLIST
    }

    public ClientApprovalConfig {
        Objects.requireNonNull(mode, "mode");
        clients = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(clients, "clients")));
    }

    /**
     * Reads and validates the section.
     *
     * @return empty when neither list is given (the middleware is off)
     * @throws ConfigException naming the key: both lists at once, a malformed client id, an unknown key in the
     *                         section
     */
    public static Optional<ClientApprovalConfig> from(Config config) {
        ConfigValues.onlyKnownKeys(config, SECTION, Set.of(WHITELIST, BLACKLIST));
        Set<ClientId> whitelist = clientIds(config, WHITELIST);
        Set<ClientId> blacklist = clientIds(config, BLACKLIST);
        if (!whitelist.isEmpty() && !blacklist.isEmpty()) {
            // Which one wins would be a guess, and the wrong guess either locks every client out or lets all in.
            throw new ConfigException(BLACKLIST, "must not be set together with " + WHITELIST + "; keep one of them");
        }
        if (!whitelist.isEmpty()) {
            return Optional.of(new ClientApprovalConfig(Mode.WHITELIST, whitelist));
        }
        if (!blacklist.isEmpty()) {
            return Optional.of(new ClientApprovalConfig(Mode.BLACKLIST, blacklist));
        }
        return Optional.empty();
    }

    private static Set<ClientId> clientIds(Config config, String key) {
        List<String> items = ConfigValues.list(config, key);
        Set<ClientId> ids = new LinkedHashSet<>();
        for (String item : items) {
            try {
                ids.add(ClientId.parse(item));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, "client id " + ConfigException.quote(item) + " " + e.getMessage());
            }
        }
        return ids;
    }
}
