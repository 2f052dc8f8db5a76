package org.bittern.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigSourceTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("bittern.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private YamlConfigSource source(String yaml) throws IOException {
        return new YamlConfigSource(write(yaml));
    }

    @Test
    void nestedMapsFlattenToDottedKeys() throws IOException {
        YamlConfigSource source = source("""
                tracker:
                  announce-interval: 30m
                  numwant:
                    max: 80
                    default: 40
                  store: {type: redis, redis: {uri: "redis://cache:6379/2"}}
                """);

        assertThat(source.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "tracker.announce-interval", "30m",
                "tracker.numwant.max", "80",
                "tracker.numwant.default", "40",
                "tracker.store.type", "redis",
                "tracker.store.redis.uri", "redis://cache:6379/2"));
        assertThat(source.getValue("tracker.numwant.max")).isEqualTo("80");
        assertThat(source.getValue("tracker.numwant")).isNull();
        assertThat(source.getPropertyNames()).contains("tracker.numwant.default");
    }

    @Test
    void dottedKeysInTheFileAreKeptAndMixWithNesting() throws IOException {
        YamlConfigSource source = source("""
                tracker.numwant.max: 80
                tracker:
                  store.type: redis
                """);

        assertThat(source.getProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("tracker.numwant.max", "80", "tracker.store.type", "redis"));
    }

    @Test
    void theSameKeyTwiceThroughNestingAndDotsIsAnError() throws IOException {
        Path file = write("""
                tracker.numwant.max: 80
                tracker: {numwant: {max: 90}}
                """);

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessage("tracker.numwant.max: defined twice in " + file
                        + " (as nested keys and as a dotted key)");
    }

    @Test
    void listsBecomeCommaSeparatedWithCommasInsideItemsEscaped() throws IOException {
        YamlConfigSource source = source("""
                tracker:
                  http:
                    trusted-proxies:
                      - 10.0.0.0/8
                      - "::1/128"
                  udp:
                    listen: ["0.0.0.0:6969", "[::]:6969"]
                  odd: ["a,b", c]
                  none: []
                """);

        assertThat(source.getValue("tracker.http.trusted-proxies")).isEqualTo("10.0.0.0/8,::1/128");
        assertThat(source.getValue("tracker.udp.listen")).isEqualTo("0.0.0.0:6969,[::]:6969");
        assertThat(source.getValue("tracker.odd")).isEqualTo("a\\,b,c");
        assertThat(source.getValue("tracker.none")).isEmpty();
    }

    @Test
    void listsOfMapsAreRejectedNamingTheKey() throws IOException {
        Path file = write("""
                tracker:
                  udp:
                    listen:
                      - host: 0.0.0.0
                """);

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessage("tracker.udp.listen: a list may only hold scalar values, found a mapping (in " + file + ")");
    }

    @Test
    void scalarsKeepTheTextAsWritten() throws IOException {
        YamlConfigSource source = source("""
                int: 80
                octal-looking: 010
                hex: 0x1F
                float: 1.50
                bool: true
                yes-word: yes
                mode: off
                date: 2024-01-02
                duration: PT30M
                quoted: "null"
                tagged-int: !!int 0x10
                tagged-bool: !!bool yes
                nothing: ~
                empty:
                """);

        assertThat(source.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("int", "80"),
                Map.entry("octal-looking", "010"),
                Map.entry("hex", "0x1F"),
                Map.entry("float", "1.50"),
                Map.entry("bool", "true"),
                Map.entry("yes-word", "yes"),   // YAML 1.1 would make this 'true'
                Map.entry("mode", "off"),       // ... and this 'false' (tracker.lists.mode: off must survive)
                Map.entry("date", "2024-01-02"),
                Map.entry("duration", "PT30M"),
                Map.entry("quoted", "null"),
                Map.entry("tagged-int", "16"),  // explicit tags are constructed by SafeConstructor, then toString
                Map.entry("tagged-bool", "true"),
                Map.entry("nothing", ""),
                Map.entry("empty", "")));
    }

    @Test
    void anchorsAndMergeKeysWork() throws IOException {
        YamlConfigSource source = source("""
                base: &base {peer-lifetime: 31m, gc-interval: 3m}
                tracker:
                  store:
                    <<: *base
                    gc-interval: 1m
                """);

        assertThat(source.getValue("tracker.store.peer-lifetime")).isEqualTo("31m");
        assertThat(source.getValue("tracker.store.gc-interval")).isEqualTo("1m");
    }

    @Test
    void emptyFileAndCommentOnlyFileGiveAnEmptySource() throws IOException {
        assertThat(source("").getProperties()).isEmpty();
        assertThat(source("# nothing configured\n").getProperties()).isEmpty();
    }

    @Test
    void ordinalIs250BetweenPropertiesFilesAndEnvironment() throws IOException {
        YamlConfigSource source = source("a: 1\n");

        assertThat(source.getOrdinal()).isEqualTo(250).isEqualTo(YamlConfigSource.ORDINAL);
        assertThat(new YamlConfigSource((Path) null).getOrdinal()).isEqualTo(250);
        assertThat(source.getName()).contains(dir.resolve("bittern.yaml").toString());
    }

    @Test
    void noPathGivesAnEmptySource() {
        YamlConfigSource source = new YamlConfigSource((Path) null);

        assertThat(source.getProperties()).isEmpty();
        assertThat(source.getValue("tracker.numwant.max")).isNull();
    }

    @Test
    void pathComesFromTheSystemPropertyThenTheEnvironment() {
        Map<String, String> none = Map.of();
        Map<String, String> sys = Map.of("bittern.config", "/from/sys.yaml");
        Map<String, String> env = Map.of("BITTERN_CONFIG", "/from/env.yaml");

        assertThat(YamlConfigSource.resolvePath(sys::get, env::get)).isEqualTo(Path.of("/from/sys.yaml"));
        assertThat(YamlConfigSource.resolvePath(none::get, env::get)).isEqualTo(Path.of("/from/env.yaml"));
        assertThat(YamlConfigSource.resolvePath(Map.of("bittern.config", " ")::get, env::get))
                .isEqualTo(Path.of("/from/env.yaml"));
        assertThat(YamlConfigSource.resolvePath(none::get, none::get)).isNull();
        // the variable names are part of the contract, not just the lookup order
        assertThat(YamlConfigSource.resolvePath(Map.of("BITTERN_CONFIG", "/x")::get, Map.of("bittern.config", "/y")::get))
                .isNull();
    }

    @Test
    void theServiceLoaderConstructorReadsTheFileNamedByTheSystemProperty() throws IOException {
        Path file = write("tracker: {numwant: {max: 42}}\n");
        String previous = System.getProperty("bittern.config");
        System.setProperty("bittern.config", file.toString());
        try {
            YamlConfigSource source = new YamlConfigSource();

            assertThat(source.getValue("tracker.numwant.max")).isEqualTo("42");
            assertThat(source.getName()).contains(file.toString());
        } finally {
            restore("bittern.config", previous);
        }
    }

    @Test
    void theServiceLoaderConstructorWithoutAPathIsEmpty() {
        assumeThat(System.getenv("BITTERN_CONFIG")).as("BITTERN_CONFIG set in this environment").isNull();
        String previous = System.getProperty("bittern.config");
        System.clearProperty("bittern.config");
        try {
            assertThat(new YamlConfigSource().getProperties()).isEmpty();
        } finally {
            restore("bittern.config", previous);
        }
    }

    @Test
    void isRegisteredForServiceLoaderDiscovery() {
        assertThat(ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::type))
                .contains(YamlConfigSource.class);
    }

    @Test
    void missingFileFailsWithOneLineNamingTheFile() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> new YamlConfigSource(missing)).isInstanceOf(ConfigException.class)
                .hasMessage("bittern.config: " + missing + ": file not found");
    }

    @Test
    void directoryIsNotAConfigFile() {
        assertThatThrownBy(() -> new YamlConfigSource(dir)).isInstanceOf(ConfigException.class)
                .hasMessage("bittern.config: " + dir + ": not a regular file");
    }

    @Test
    void invalidYamlFailsWithOneLineNamingTheFileAndPosition() throws IOException {
        Path file = write("""
                tracker:
                  numwant: max: 80
                """);

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r")
                        .startsWith("bittern.config: " + file + ": invalid YAML: ")
                        .contains("mapping values are not allowed here")
                        .contains("line 2"));
    }

    @Test
    void unterminatedQuoteIsInvalidYaml() throws IOException {
        Path file = write("tracker: {store: {type: \"redis}}\n");

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bittern.config: " + file + ": invalid YAML: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void duplicateKeysAreInvalid() throws IOException {
        Path file = write("""
                tracker:
                  numwant: {max: 80}
                  numwant: {max: 90}
                """);

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bittern.config: " + file + ": invalid YAML: ")
                .hasMessageContaining("duplicate key numwant");
    }

    @Test
    void topLevelMustBeAMapping() throws IOException {
        Path file = write("- a\n- b\n");

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessage("bittern.config: " + file + ": the top level must be a mapping (key: value), not a list");
    }

    @Test
    void classTagsAreRefused() throws IOException {
        Path file = write("tracker: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bittern.config: " + file + ": invalid YAML: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aliasBombsAreRefused() throws IOException {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        Path file = write(yaml.toString());

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bittern.config: " + file + ": invalid YAML: ")
                .hasMessageContaining("aliases");
    }

    @Test
    void recursiveStructuresEndWithAnError() throws IOException {
        Path file = write("a: &x {b: *x}\n");

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bittern.config: " + file + ": ");
    }

    @Test
    void oversizedFilesAreRefusedBeforeParsing() throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.write(file, new byte[YamlConfigSource.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessage("bittern.config: " + file + ": file larger than 1048576 bytes");
    }

    @Test
    void invalidUtf8IsRefused() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> new YamlConfigSource(file)).isInstanceOf(ConfigException.class)
                .hasMessage("bittern.config: " + file + ": not valid UTF-8");
    }

    @Test
    void aByteOrderMarkIsIgnored() throws IOException {
        Path file = dir.resolve("bom.yaml");
        Files.write(file, "\uFEFFtracker: {numwant: {max: 7}}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(new YamlConfigSource(file).getValue("tracker.numwant.max")).isEqualTo("7");
    }

    static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
