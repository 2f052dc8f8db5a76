package org.bittern.completed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.config;

import java.time.Duration;
import org.bittern.config.ConfigException;
import org.junit.jupiter.api.Test;

class CompletedConfigTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/bittern";

    @Test
    void onByDefaultWithADatabaseAndOffWithout() {
        CompletedConfig on = CompletedConfig.from(config("tracker.db.url", URL));
        assertThat(on.enabled()).isTrue();
        assertThat(on.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(on.flushEvents()).isEqualTo(1000);
        assertThat(on.maxPendingSwarms()).isEqualTo(100_000);
        assertThat(CompletedConfig.from(config()).enabled()).isFalse();
        assertThat(CompletedConfig.from(config("tracker.db.url", URL, "tracker.completed.persist", "false"))
                .enabled()).isFalse();
    }

    @Test
    void persistWithoutADatabaseNamesTheMissingKey() {
        assertThatThrownBy(() -> CompletedConfig.from(config("tracker.completed.persist", "true")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("tracker.db.url");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> CompletedConfig.from(config("tracker.db.url", URL,
                "tracker.completed.flush-interval", "1ms")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("tracker.completed.flush-interval");
        assertThatThrownBy(() -> CompletedConfig.from(config("tracker.db.url", URL,
                "tracker.completed.max-pending-swarms", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("tracker.completed.max-pending-swarms");
        assertThatThrownBy(() -> CompletedConfig.from(config("tracker.db.url", URL,
                "tracker.completed.flush-events", "many")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("tracker.completed.flush-events");
    }
}
