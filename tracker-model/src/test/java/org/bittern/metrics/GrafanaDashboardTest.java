package org.bittern.metrics;

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
 * The Grafana dashboard in {@code docs/grafana} asks only for metrics the code registers, so renaming a metric
 * without the dashboard (or a typo in a query) fails the build rather than an operator's panel.
 */
class GrafanaDashboardTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path DASHBOARD = REPOSITORY.resolve("docs/grafana/bittern-dashboard.json");
    private static final Pattern NAME = Pattern.compile("tracker_[a-z0-9_]+");

    @Test
    void everyMetricTheDashboardQueriesIsRegisteredByTheCode() throws IOException {
        Set<String> registered = registeredNames();
        Set<String> queried = new TreeSet<>();
        Matcher m = NAME.matcher(Files.readString(DASHBOARD));
        while (m.find()) {
            queried.add(registeredName(m.group()));
        }
        assertThat(registered).as("names found in the sources").contains(RequestMetrics.REQUESTS, "tracker_swarms");
        assertThat(queried).isNotEmpty().allSatisfy(name -> assertThat(registered).as(
                "metrics registered in */src/main/java").contains(name));
    }

    @Test
    void exportedNamesMapBackToTheRegisteredOnes() {
        assertThat(registeredName("tracker_requests_seconds_bucket")).isEqualTo("tracker_requests");
        assertThat(registeredName("tracker_udp_dropped_total")).isEqualTo("tracker_udp_dropped");
        assertThat(registeredName("tracker_lists_snapshot_age_seconds")).isEqualTo("tracker_lists_snapshot_age_seconds");
    }

    /** Prometheus names as the libraries export them, back to the name the code registers. */
    static String registeredName(String exported) {
        return exported.replaceFirst("_seconds_(count|sum|bucket|max)$", "").replaceFirst("_total$", "");
    }

    private static Set<String> registeredNames() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(tracker_[a-z0-9_]+)\"");
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            for (Path sources : modules.map(p -> p.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                        Matcher m = literal.matcher(read(f));
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                    });
                }
            }
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
