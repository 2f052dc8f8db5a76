package org.bittern.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.rootConfigException;
import static org.bittern.config.ConfigFixtures.withConfig;

import java.util.Map;
import java.util.UUID;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The producer in a real CDI container (Weld SE, as in the UDP sidecar). Each test registers its own MP Config for
 * a private class loader and makes it the context class loader, so {@code ConfigProvider.getConfig()} inside the
 * producer sees exactly that config, whatever other tests or the environment configured.
 */
class TrackerConfigProducerTest {

    private static Weld weld() {
        return new Weld("config-test-" + UUID.randomUUID())
                .disableDiscovery()
                .addBeanClass(TrackerConfigProducer.class);
    }

    @Test
    void injectsOneValidatedTrackerConfig() throws Exception {
        withConfig(Map.of("tracker.numwant.max", "77", "tracker.store.type", "redis"), () -> {
            try (WeldContainer container = weld().initialize()) {
                TrackerConfig first = container.select(TrackerConfig.class).get();
                TrackerConfig second = container.select(TrackerConfig.class).get();

                assertThat(first.numwantMax()).isEqualTo(77);
                assertThat(first.storeType()).isEqualTo("redis");
                assertThat(second).isSameAs(first); // @Singleton: produced once, not proxied
            }
            return null;
        });
    }

    @Test
    void anInvalidValueFailsTheContainerStartWithTheOneLineMessage() throws Exception {
        withConfig(Map.of("tracker.numwant.max", "0"), () -> {
            assertThatThrownBy(() -> weld().initialize())
                    .satisfies(e -> assertThat(rootConfigException(e))
                            .hasMessage("tracker.numwant.max: must be at least 1, got 0"));
            return null;
        });
    }
}
