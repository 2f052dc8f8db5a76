package org.bittern.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    @Test
    void messageIsKeyColonReason() {
        ConfigException e = new ConfigException("tracker.numwant.max", "must be at least 1, got 0");

        assertThat(e).hasMessage("tracker.numwant.max: must be at least 1, got 0").isInstanceOf(RuntimeException.class);
        assertThat(e.key()).isEqualTo("tracker.numwant.max");
        assertThat(e.reason()).isEqualTo("must be at least 1, got 0");
    }

    @Test
    void messageIsAlwaysOneLine() {
        ConfigException e = new ConfigException("k", "first line\n  second line\r\nthird");

        assertThat(e).hasMessage("k: first line second line third");
    }

    @Test
    void singleArgumentFormSplitsKeyAndReason() {
        ConfigException e = new ConfigException("tracker.store.type: 'redis' is not available in this build");

        assertThat(e).hasMessage("tracker.store.type: 'redis' is not available in this build");
        assertThat(e.key()).isEqualTo("tracker.store.type");
        assertThat(e.reason()).isEqualTo("'redis' is not available in this build");
        assertThat(new ConfigException("no key here")).hasMessage("no key here");
    }

    @Test
    void quoteEscapesControlCharactersAndCutsLongValues() {
        assertThat(ConfigException.quote("a\tb\nc")).isEqualTo("'a\\u0009b\\u000ac'");
        assertThat(ConfigException.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(60) + "...'");
        assertThat(ConfigException.quote(null)).isEqualTo("null");
    }
}
