package org.bittern.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever an operator's file holds, the YAML source either loads it or fails with one clear line. */
class YamlConfigSourceProperties {

    @Property(tries = 300)
    void randomBytesLoadOrFailWithOneLine(@ForAll byte[] content) {
        assertLoadsOrFailsCleanly(content);
    }

    @Property(tries = 300)
    void yamlLookingTextLoadsOrFailsWithOneLine(@ForAll("yamlish") String content) {
        assertLoadsOrFailsCleanly(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> yamlish() {
        // Fragments that drive SnakeYAML through mappings, lists, anchors, tags and bad indentation.
        return Arbitraries.of("tracker:", "\n", "  ", "numwant:", " max: 80", "- a", "[", "]", "{", "}", ",", "&x ",
                        "*x", "!!int ", "!!python/object ", "'", "\"", ":", "#", "? ", "|\n", "tracker.store.type: redis",
                        "\t", "~", "null", "0x1f", "1e3", "yes", "off")
                .list().ofMaxSize(40)
                .map(parts -> String.join("", parts));
    }

    private static void assertLoadsOrFailsCleanly(byte[] content) {
        Path file = write(content);
        try {
            YamlConfigSource source = new YamlConfigSource(file);
            for (String name : source.getPropertyNames()) {
                assertThat(name).isNotBlank();
                assertThat(source.getValue(name)).isNotNull();
            }
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n").contains(file.toString());
        } finally {
            delete(file);
        }
    }

    private static Path write(byte[] content) {
        try {
            Path file = Files.createTempFile("bittern-yaml-", ".yaml");
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
