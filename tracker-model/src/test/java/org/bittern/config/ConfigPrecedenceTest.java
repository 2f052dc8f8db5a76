package org.bittern.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML source inside a real MP Config implementation (SmallRye, as in the UDP sidecar). */
class ConfigPrecedenceTest {

    @TempDir
    Path dir;

    private YamlConfigSource yaml() throws IOException {
        Path file = dir.resolve("bittern.yaml");
        Files.writeString(file, """
                tracker:
                  announce-interval: 20m
                  numwant:
                    max: 80
                    default: 40
                  store:
                    type: redis
                    peer-lifetime: 21m
                  http:
                    trusted-proxies: ["10.0.0.0/8", "192.168.0.0/16"]
                    odd: ["a,b", "c"]
                """);
        return new YamlConfigSource(file);
    }

    /** Stands for META-INF/microprofile-config.properties (ordinal 100). */
    private static PropertiesConfigSource propertiesFile() {
        return new PropertiesConfigSource(Map.of(
                "tracker.numwant.max", "10",
                "tracker.numwant.default", "5",
                "tracker.scrape.max-info-hashes", "20"), "microprofile-config.properties", 100);
    }

    @Test
    void systemPropertiesBeatYamlAndYamlBeatsPropertiesFiles() throws IOException {
        String previous = System.getProperty("tracker.numwant.max");
        System.setProperty("tracker.numwant.max", "90");
        try {
            SysPropConfigSource sysProps = new SysPropConfigSource();
            assertThat(sysProps.getOrdinal()).isEqualTo(400);
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(propertiesFile(), yaml(), sysProps)
                    .build();

            assertThat(config.getValue("tracker.numwant.max", String.class)).isEqualTo("90");   // 400 > 250
            assertThat(config.getValue("tracker.numwant.default", String.class)).isEqualTo("40"); // 250 > 100
            assertThat(config.getValue("tracker.scrape.max-info-hashes", String.class)).isEqualTo("20"); // only 100

            TrackerConfig tracker = TrackerConfig.from(config);
            assertThat(tracker.numwantMax()).isEqualTo(90);
            assertThat(tracker.numwantDefault()).isEqualTo(40);
            assertThat(tracker.scrapeMaxInfoHashes()).isEqualTo(20);
            assertThat(tracker.storeType()).isEqualTo("redis");
            assertThat(tracker.trustedProxies()).containsExactly("10.0.0.0/8", "192.168.0.0/16");
        } finally {
            YamlConfigSourceTest.restore("tracker.numwant.max", previous);
        }
    }

    @Test
    void environmentVariablesUseTheMicroProfileNameMappingAndBeatYaml() throws IOException {
        EnvConfigSource env = new EnvConfigSource(Map.of(
                "TRACKER_NUMWANT_MAX", "77",
                "TRACKER_STORE_TYPE", "memory",
                "TRACKER_ANNOUNCE_INTERVAL", "18m"), 300);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(propertiesFile(), yaml(), env).build();

        assertThat(config.getValue("tracker.numwant.max", String.class)).isEqualTo("77");
        assertThat(config.getValue("tracker.store.type", String.class)).isEqualTo("memory");
        assertThat(config.getValue("tracker.announce-interval", String.class)).isEqualTo("18m");
        assertThat(config.getValue("tracker.numwant.default", String.class)).isEqualTo("40"); // YAML, no env var

        TrackerConfig tracker = TrackerConfig.from(config);
        assertThat(tracker.numwantMax()).isEqualTo(77);
        assertThat(tracker.storeType()).isEqualTo("memory");
        assertThat(tracker.announceIntervalSeconds()).isEqualTo(18 * 60);
    }

    @Test
    void yamlListsComeBackAsMicroProfileListsWithEscapedCommasIntact() throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(yaml()).build();

        assertThat(config.getValues("tracker.http.trusted-proxies", String.class))
                .containsExactly("10.0.0.0/8", "192.168.0.0/16");
        assertThat(config.getValues("tracker.http.odd", String.class)).containsExactly("a,b", "c");
    }

    @Test
    void yamlValuesAreValidatedLikeAnyOther() throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(yaml()).build();

        TrackerConfig tracker = TrackerConfig.from(config);

        assertThat(tracker.announceInterval()).hasMinutes(20);
        assertThat(tracker.peerLifetime()).hasMinutes(21);
        assertThat(tracker.minAnnounceInterval()).hasMinutes(15); // default
        assertThat(tracker.trustedProxies()).isEqualTo(List.of("10.0.0.0/8", "192.168.0.0/16"));
    }
}
