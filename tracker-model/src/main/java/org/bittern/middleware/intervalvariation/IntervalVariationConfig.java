package org.bittern.middleware.intervalvariation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bittern.config.ConfigException;
import org.bittern.config.ConfigValues;
import org.bittern.config.Durations;
import org.bittern.config.TrackerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * The typed {@code tracker.middleware.interval-variation.*} settings (issue 5, Chihaya's varinterval). Off unless a
 * key of the section is set; once one is, {@code modify-response-probability} and {@code max-increase-delta} are
 * required.
 *
 * @param modifyResponseProbability share of (torrent, peer) pairs whose interval is raised, above 0 and at most 1
 * @param maxIncreaseDeltaSeconds   the most seconds added; the increase is 1 to this many
 * @param modifyMinInterval         whether {@code min interval} is raised by the same amount
 */
public record IntervalVariationConfig(double modifyResponseProbability, int maxIncreaseDeltaSeconds,
        boolean modifyMinInterval) {

    public static final String SECTION = "tracker.middleware.interval-variation";
    public static final String MODIFY_RESPONSE_PROBABILITY = SECTION + ".modify-response-probability";
    public static final String MAX_INCREASE_DELTA = SECTION + ".max-increase-delta";
    public static final String MODIFY_MIN_INTERVAL = SECTION + ".modify-min-interval";

    private static final Set<String> KEYS =
            Set.of(MODIFY_RESPONSE_PROBABILITY, MAX_INCREASE_DELTA, MODIFY_MIN_INTERVAL);

    public IntervalVariationConfig {
        if (!(modifyResponseProbability > 0 && modifyResponseProbability <= 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1]: " + modifyResponseProbability);
        }
        if (maxIncreaseDeltaSeconds < 1) {
            throw new IllegalArgumentException("max increase must be at least 1 s: " + maxIncreaseDeltaSeconds);
        }
    }

    /**
     * Reads and validates the section.
     *
     * @param tracker the tracker's settings: the raised interval must stay within {@code tracker.store.peer-lifetime}
     * @return empty when no key of the section is set, or when the probability is 0 (a way to switch it off from an
     *         environment variable without removing the file's section)
     * @throws ConfigException naming the key
     */
    public static Optional<IntervalVariationConfig> from(Config config, TrackerConfig tracker) {
        Objects.requireNonNull(tracker, "tracker");
        ConfigValues.onlyKnownKeys(config, SECTION, KEYS);
        if (KEYS.stream().allMatch(key -> ConfigValues.string(config, key).isEmpty())) {
            return Optional.empty();
        }
        double probability = probability(ConfigValues.string(config, MODIFY_RESPONSE_PROBABILITY)
                .orElseThrow(() -> new ConfigException(MODIFY_RESPONSE_PROBABILITY, "is required when "
                        + SECTION + " is configured (a number from 0 to 1, e.g. 0.2)")));
        int delta = deltaSeconds(ConfigValues.string(config, MAX_INCREASE_DELTA)
                .orElseThrow(() -> new ConfigException(MAX_INCREASE_DELTA, "is required when " + SECTION
                        + " is configured (seconds, e.g. 60, or a duration like 1m)")), tracker);
        boolean modifyMin = ConfigValues.bool(config, MODIFY_MIN_INTERVAL, false);
        if (probability == 0) {
            return Optional.empty();
        }
        return Optional.of(new IntervalVariationConfig(probability, delta, modifyMin));
    }

    /**
     * Decimal text only: {@link Double#parseDouble} would also take {@code NaN}, {@code Infinity} and
     * {@code 0x1p-2}.
     */
    private static double probability(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(MODIFY_RESPONSE_PROBABILITY, "must be a number from 0 to 1 (e.g. 0.2), got "
                    + ConfigException.quote(text));
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new ConfigException(MODIFY_RESPONSE_PROBABILITY, "must be from 0 to 1, got "
                    + ConfigException.quote(text));
        }
        return value.doubleValue();
    }

    /**
     * Whole seconds, as a bare number (Chihaya's form, and the issue's: "1..max-increase-delta seconds") or as a
     * duration with a unit.
     */
    private static int deltaSeconds(String text, TrackerConfig tracker) {
        String expected = "must be whole seconds (e.g. 60) or a duration like 1m, at least 1s, got "
                + ConfigException.quote(text);
        String tooLarge = "must be at most " + Integer.MAX_VALUE + " seconds, got " + ConfigException.quote(text);
        Duration delta;
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (text.length() > 10) {
                throw new ConfigException(MAX_INCREASE_DELTA, tooLarge);
            }
            delta = Duration.ofSeconds(Long.parseLong(text));
        } else {
            try {
                delta = Durations.parse(MAX_INCREASE_DELTA, text);
            } catch (ConfigException e) {
                throw new ConfigException(MAX_INCREASE_DELTA, expected);
            }
        }
        if (delta.getNano() != 0 || delta.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException(MAX_INCREASE_DELTA, expected);
        }
        if (delta.getSeconds() > Integer.MAX_VALUE) { // intervals are 32-bit seconds on the wire
            throw new ConfigException(MAX_INCREASE_DELTA, tooLarge);
        }
        // Peers announce again after the raised interval: if that is beyond the peer lifetime, the store drops them
        // in between and their swarms look emptier than they are.
        Duration longest = tracker.announceInterval().plus(delta);
        if (longest.compareTo(tracker.peerLifetime()) > 0) {
            throw new ConfigException(MAX_INCREASE_DELTA, TrackerConfig.Keys.ANNOUNCE_INTERVAL + " ("
                    + Durations.format(tracker.announceInterval()) + ") plus " + Durations.format(delta)
                    + " exceeds " + TrackerConfig.Keys.STORE_PEER_LIFETIME + " ("
                    + Durations.format(tracker.peerLifetime()) + "), so peers would expire before their next announce;"
                    + " lower it or raise the peer lifetime");
        }
        return (int) delta.getSeconds();
    }
}
