package org.bittern.udp.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server process the test started: output to a log file under target/ (read it when a test fails), stopped
 * only through its own {@link Process} handle. If it exits before {@link #stop} was called, the reason is
 * kept (set from the JDK's exit-watcher thread, read from the test thread) so waits and tests can fail at
 * once with the log's last lines instead of timing out.
 */
final class ChildProcess {
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path log;
    private final AtomicReference<String> death = new AtomicReference<>();
    private volatile boolean stopping;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} with {@code environment} added to this JVM's, minus every {@code TRACKER_*} and
     * {@code BITTERN_*} variable: MicroProfile Config lets those override the test's YAML file, and an
     * operator's {@code TRACKER_STORE_REDIS_URI} must not point the test at a real Redis.
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("TRACKER_") || key.startsWith("BITTERN_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Nobody types into the servers; a closed stdin also stops one from ever waiting on it.
        process.getOutputStream().close();
        ChildProcess child = new ChildProcess(name, process, log);
        process.onExit().thenAccept(child::exited);
        return child;
    }

    private void exited(Process p) {
        if (!stopping) {
            death.compareAndSet(null, name + " (pid " + p.pid() + ") exited with status " + p.exitValue()
                    + " before the test stopped it; last lines of " + log + ":\n" + tail());
        }
    }

    /** Fails with the exit status and the end of the log if the process is gone. */
    void assertAlive() {
        String reason = death.get();
        if (reason != null) {
            throw new AssertionError(reason);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGTERM (the servers shut down cleanly on it), then SIGKILL if it has not exited within {@code grace}. */
    void stop(Duration grace) throws InterruptedException {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * SIGTERM, as an operator's service manager stops a server, and how long the process took to exit; one still
     * running after {@code limit} is killed and the call fails.
     */
    Duration terminate(Duration limit) throws InterruptedException {
        stopping = true;
        long start = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            process.destroyForcibly();
            throw new AssertionError(name + " still ran " + limit.toSeconds() + " s after SIGTERM; last lines of "
                    + log + ":\n" + tail());
        }
        return took;
    }

    /** For a JVM shutdown hook: no waiting, just make sure nothing outlives the test JVM. */
    void kill() {
        stopping = true;
        process.destroyForcibly();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
