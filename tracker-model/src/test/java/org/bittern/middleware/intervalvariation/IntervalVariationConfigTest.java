package org.bittern.middleware.intervalvariation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.config;

import java.time.Duration;
import org.bittern.config.ConfigException;
import org.bittern.config.TrackerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IntervalVariationConfigTest {

    private static final String P = "tracker.middleware.interval-variation.modify-response-probability";
    private static final String DELTA = "tracker.middleware.interval-variation.max-increase-delta";
    private static final String MIN = "tracker.middleware.interval-variation.modify-min-interval";
    private static final TrackerConfig TRACKER = TrackerConfig.defaults(); // 30m interval, 31m peer lifetime

    @Test
    void offUnlessConfigured() {
        assertThat(IntervalVariationConfig.from(config(), TRACKER)).isEmpty();
        assertThat(IntervalVariationConfig.from(config(P, " ", DELTA, ""), TRACKER)).isEmpty();
    }

    @Test
    void readsEveryKey() {
        assertThat(IntervalVariationConfig.from(config(P, "0.2", DELTA, "60", MIN, "true"), TRACKER))
                .contains(new IntervalVariationConfig(0.2, 60, true));
        assertThat(IntervalVariationConfig.from(config(P, "1", DELTA, "1m"), TRACKER))
                .as("a duration, and modify-min-interval off by default")
                .contains(new IntervalVariationConfig(1.0, 60, false));
        assertThat(IntervalVariationConfig.from(config(P, ".05", DELTA, "PT30S"), TRACKER))
                .contains(new IntervalVariationConfig(0.05, 30, false));
    }

    @Test
    void probabilityZeroSwitchesItOffButTheRestIsStillChecked() {
        assertThat(IntervalVariationConfig.from(config(P, "0", DELTA, "60"), TRACKER)).isEmpty();
        assertThatThrownBy(() -> IntervalVariationConfig.from(config(P, "0.0", DELTA, "0"), TRACKER))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(DELTA + ": ");
    }

    @Test
    void theIncreaseMustNotOutliveThePeerLifetime() {
        assertThatThrownBy(() -> IntervalVariationConfig.from(config(P, "0.5", DELTA, "61"), TRACKER))
                .isInstanceOf(ConfigException.class)
                .hasMessage(DELTA + ": tracker.announce-interval (30m) plus 61s exceeds tracker.store.peer-lifetime "
                        + "(31m), so peers would expire before their next announce; lower it or raise the peer lifetime");
        TrackerConfig d = TRACKER;
        TrackerConfig longLived = new TrackerConfig(d.announceInterval(), d.minAnnounceInterval(), 50, 100, 50,
                d.trustedProxies(), false, d.storeType(), Duration.ofHours(2), d.gcInterval(), d.redisUri(),
                d.redisKeyPrefix(), d.redisCluster());
        assertThat(IntervalVariationConfig.from(config(P, "0.5", DELTA, "90m"), longLived))
                .contains(new IntervalVariationConfig(0.5, 5400, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "tracker.middleware.interval-variation.modify-response-probability | 1.5  | 60 | false"
                    + " | tracker.middleware.interval-variation.modify-response-probability: must be from 0 to 1, got '1.5'",
            "tracker.middleware.interval-variation.modify-response-probability | -0.1 | 60 | false"
                    + " | tracker.middleware.interval-variation.modify-response-probability: must be from 0 to 1, got '-0.1'",
            "tracker.middleware.interval-variation.modify-response-probability | NaN  | 60 | false"
                    + " | tracker.middleware.interval-variation.modify-response-probability: must be a number from 0 to 1 "
                    + "(e.g. 0.2), got 'NaN'",
            "tracker.middleware.interval-variation.modify-response-probability | 20%  | 60 | false"
                    + " | tracker.middleware.interval-variation.modify-response-probability: must be a number from 0 to 1 "
                    + "(e.g. 0.2), got '20%'",
            "tracker.middleware.interval-variation.max-increase-delta | 0.2 | 0 | false"
                    + " | tracker.middleware.interval-variation.max-increase-delta: must be whole seconds (e.g. 60) or a "
                    + "duration like 1m, at least 1s, got '0'",
            "tracker.middleware.interval-variation.max-increase-delta | 0.2 | 1.5 | false"
                    + " | tracker.middleware.interval-variation.max-increase-delta: must be whole seconds (e.g. 60) or a "
                    + "duration like 1m, at least 1s, got '1.5'",
            "tracker.middleware.interval-variation.max-increase-delta | 0.2 | 1500ms | false"
                    + " | tracker.middleware.interval-variation.max-increase-delta: must be whole seconds (e.g. 60) or a "
                    + "duration like 1m, at least 1s, got '1500ms'",
            "tracker.middleware.interval-variation.max-increase-delta | 0.2 | -5 | false"
                    + " | tracker.middleware.interval-variation.max-increase-delta: must be whole seconds (e.g. 60) or a "
                    + "duration like 1m, at least 1s, got '-5'",
            "tracker.middleware.interval-variation.max-increase-delta | 0.2 | 99999999999 | false"
                    + " | tracker.middleware.interval-variation.max-increase-delta: must be at most 2147483647 seconds, "
                    + "got '99999999999'",
            "tracker.middleware.interval-variation.modify-min-interval | 0.2 | 60 | yes"
                    + " | tracker.middleware.interval-variation.modify-min-interval: must be true or false, got 'yes'",
    })
    void invalidValuesNameTheirKey(String key, String probability, String delta, String modifyMin, String message) {
        assertThatThrownBy(() -> IntervalVariationConfig.from(config(P, probability, DELTA, delta, MIN, modifyMin),
                TRACKER))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }

    @Test
    void onceConfiguredProbabilityAndDeltaAreRequired() {
        assertThatThrownBy(() -> IntervalVariationConfig.from(config(MIN, "true"), TRACKER))
                .isInstanceOf(ConfigException.class)
                .hasMessage(P + ": is required when tracker.middleware.interval-variation is configured (a number "
                        + "from 0 to 1, e.g. 0.2)");
        assertThatThrownBy(() -> IntervalVariationConfig.from(config(P, "0.2"), TRACKER))
                .isInstanceOf(ConfigException.class)
                .hasMessage(DELTA + ": is required when tracker.middleware.interval-variation is configured (seconds, "
                        + "e.g. 60, or a duration like 1m)");
    }

    @Test
    void aMisspeltKeyIsAStartError() {
        assertThatThrownBy(() -> IntervalVariationConfig.from(config(P, "0.2", DELTA, "60",
                "tracker.middleware.interval-variation.max-increase", "60"), TRACKER))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracker.middleware.interval-variation.max-increase: unknown key; "
                        + "tracker.middleware.interval-variation takes max-increase-delta, modify-min-interval, "
                        + "modify-response-probability");
    }
}
