package org.bittern.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference ({@code docs/configuration.md}) lists exactly the keys the code reads: a key added,
 * renamed or dropped in any module without the reference fails the build. Keys are found in the sources as string
 * constants ({@code "tracker.x.y"}) and as a section's constant joined to a leaf ({@code SECTION + ".leaf"}); a key
 * that is only the prefix of others (a section such as {@code tracker.middleware.jwt}) is not a key of its own.
 */
class ConfigurationReferenceTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path REFERENCE = REPOSITORY.resolve("docs/configuration.md");
    private static final Pattern LITERAL = Pattern.compile("\"(tracker\\.[a-z0-9.-]+)\"");
    private static final Pattern SECTION = Pattern.compile("String SECTION = \"(tracker\\.[a-z0-9.-]+)\"");
    private static final Pattern LEAF = Pattern.compile("SECTION \\+ \"(\\.[a-z0-9.-]+)\"");
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(tracker\\.[a-z0-9.-]+)`", Pattern.MULTILINE);

    @Test
    void theReferenceListsEveryKeyTheCodeReadsAndNoOther() throws IOException {
        Set<String> read = keysInSources();
        Set<String> documented = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(Files.readString(REFERENCE));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(read).as("keys found in the sources").contains("tracker.store.type", "tracker.middleware.jwt.issuer");
        assertThat(documented).as("keys in docs/configuration.md").containsExactlyInAnyOrderElementsOf(read);
    }

    private static Set<String> keysInSources() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            for (Path sources : modules.map(p -> p.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> collect(read(f), keys));
                }
            }
        }
        keys.removeIf(key -> keys.stream().anyMatch(other -> other.startsWith(key + ".")));
        return keys;
    }

    private static void collect(String source, Set<String> keys) {
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            keys.add(literal.group(1));
        }
        Matcher section = SECTION.matcher(source);
        if (section.find()) {
            Matcher leaf = LEAF.matcher(source);
            while (leaf.find()) {
                keys.add(section.group(1) + leaf.group(1));
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
