package org.bittern.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "30m, PT30M",
            "5s, PT5S",
            "2h, PT2H",
            "1d, PT24H",
            "500ms, PT0.5S",
            "0s, PT0S",
            "1h30m, PT1H30M",
            "1d2h3m4s5ms, PT26H3M4.005S",
            "' 45s ', PT45S",
            "PT30M, PT30M",
            "pt30m, PT30M",
            "P1D, PT24H",
            "P1DT12H, PT36H",
            "PT0.25S, PT0.25S",
    })
    void parsesShortFormAndIso8601(String text, String expected) {
        assertThat(Durations.parse("k", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5s", "-1m", "-PT5S", "PT-5S", "P-1D"})
    void rejectsNegatives(String text) {
        assertThatThrownBy(() -> Durations.parse("tracker.store.gc-interval", text))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracker.store.gc-interval: must not be negative, got '" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "5x", "m5", "5 m", "5S", "30M", "1.5h", "PT", "P", "+PT5S", "1e3s", "5s5s", "30m1h",
            "\u0665s" /* Arabic-Indic five */})
    void rejectsGarbageNamingTheKey(String text) {
        assertThatThrownBy(() -> Durations.parse("tracker.announce-interval", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tracker.announce-interval: ")
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void rejectsEmpty(String text) {
        assertThatThrownBy(() -> Durations.parse("k", text)).isInstanceOf(ConfigException.class)
                .hasMessage("k: must be a duration like 30m, 5s, 2h, 1d, 500ms or ISO-8601 PT30M, got an empty value");
        assertThatThrownBy(() -> Durations.parse("k", null)).isInstanceOf(ConfigException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "0"})
    void aBareNumberNeedsAUnit(String text) {
        assertThatThrownBy(() -> Durations.parse("k", text)).isInstanceOf(ConfigException.class)
                .hasMessage("k: must be a duration like 30m, 5s, 2h, 1d, 500ms or ISO-8601 PT30M (a unit is required), got '"
                        + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9223372036854775807d", "106751991167301d",
            "PT9999999999999999999H", "P99999999999999999D"})
    void rejectsOverflowWithConfigException(String text) {
        assertThatThrownBy(() -> Durations.parse("k", text)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("k: ");
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0s", "PT5S, 5s", "PT30M, 30m", "PT2H, 2h", "PT48H, 2d", "PT90M, 90m", "PT0.5S, 500ms",
            "PT1.5S, 1500ms", "PT0.000001S, PT0.000001S"})
    void formatsInTheShortestExactShortForm(String iso, String expected) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(expected);
    }
}
