package org.bittern.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, for the status page test. It is not a Maven artifact: {@code .ci/run}
 * installs it and sets {@code BITTERN_REQUIRE_CHROMIUM}, so CI fails without it, while a developer machine
 * without a browser skips the page test (and says why) rather than failing the build.
 */
final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;
    private final Path profile;

    private HeadlessChromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** The browser, or the test is skipped (failed where {@code BITTERN_REQUIRE_CHROMIUM} is set). */
    static HeadlessChromium findOrSkip(Path work) throws IOException {
        Path found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (found == null && System.getenv("BITTERN_REQUIRE_CHROMIUM") != null) {
            throw new AssertionError("BITTERN_REQUIRE_CHROMIUM is set but no " + NAMES + " is on the PATH");
        }
        assumeTrue(found != null, "no headless browser (" + NAMES + ") on the PATH: status page test skipped");
        return new HeadlessChromium(found, Files.createDirectories(work.resolve("chromium-profile")));
    }

    /** The page's DOM once its scripts have run for {@code millis} of virtual time. */
    String domAfter(String url, int millis) throws IOException, InterruptedException {
        return run(url, millis, "--dump-dom");
    }

    /** Saves what the page looks like after {@code millis} of virtual time. */
    void screenshot(String url, int millis, Path png) throws IOException, InterruptedException {
        run(url, millis, "--screenshot=" + png.toAbsolutePath(), "--window-size=1200,1000");
        assertThat(png).isNotEmptyFile();
    }

    private String run(String url, int millis, String... what) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + millis));
        command.addAll(List.of(what));
        command.add(url);
        Path out = Files.createTempFile(profile, "stdout", ".html");
        Process browser = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        } finally {
            browser.destroyForcibly();
        }
        assertThat(browser.exitValue()).as("chromium's exit status").isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
