package org.bittern.completed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.health.Outage;
import org.bittern.health.ReadinessCheck;

/**
 * Completed (snatch) counts persisted in PostgreSQL (issue 4): each completed download the peer store counts is
 * recorded here in memory ({@link #completed}), and one background thread writes the pending increments (one
 * upsert per torrent per flush, every flush interval or sooner once {@code flush-events} are pending) and reads
 * persisted totals that scrapes asked about. Scrape's {@code downloaded} is then the persisted total plus the
 * pending increments ({@link #withPersisted}), without the request ever waiting for the database.
 *
 * <p>PostgreSQL away: increments stay pending (bounded by {@code max-pending-swarms}; beyond it they are counted as
 * overflow and logged once), the thread retries with backoff, one warning per outage, and the health detail says
 * degraded. Nothing is lost silently: the pending figures, failures and overflow are in {@link #stats()}, and
 * increments still unwritten when the process stops are logged.
 */
public final class CompletedCounts implements ReadinessCheck, AutoCloseable {

    static final String NAME = "completed-counts";
    private static final Logger LOG = Logger.getLogger(CompletedCounts.class.getName());
    /** How often the thread looks for early flushes and scraped torrents to read: a first scrape waits no longer. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final CompletedCounts OFF = new CompletedCounts(CompletedConfig.off(), null);
    /** Read to learn whether PostgreSQL answers again when there is nothing else to ask. */
    private static final InfoHash PROBE = InfoHash.of(new byte[InfoHash.LENGTH]);

    private final CompletedConfig config;
    private final CompletedCountsDatabase database;
    private final CountTable table;
    private final Thread thread;
    private final Outage outage;
    private final AtomicBoolean overflowLogged = new AtomicBoolean();
    private volatile boolean closed;
    private volatile String problem;
    private volatile Instant problemSince;
    /** Written by the flusher thread only. */
    private volatile long flushes;
    private volatile long flushErrors;

    private CompletedCounts(CompletedConfig config, CompletedCountsDatabase database) {
        this.config = config;
        this.database = database;
        this.table = new CountTable(config.maxPendingSwarms(), config.cacheSize(), config.refreshAfter().toNanos());
        this.outage = new Outage(config.initialBackoff(), config.maxBackoff());
        this.thread = database == null ? null : new Thread(this::run, "bittern-completed-counts");
        if (thread != null) {
            thread.setDaemon(true);
        }
    }

    /** Not persisted: scrape shows the peer store's own figure, nothing is recorded, no thread. */
    public static CompletedCounts off() {
        return OFF;
    }

    /** Starts the background thread and returns at once; never touches the database on this thread. */
    public static CompletedCounts start(CompletedConfig config, CompletedCountsDatabase database) {
        if (!config.enabled()) {
            return off();
        }
        CompletedCounts counts = new CompletedCounts(config, Objects.requireNonNull(database, "database"));
        counts.thread.start();
        return counts;
    }

    @Override
    public boolean enabled() {
        return database != null;
    }

    /** Records one completed download the store counted. Cheap: no I/O, no lock held beyond one map bin. */
    public void completed(InfoHash hash) {
        if (database == null) {
            return;
        }
        if (table.record(hash, 1) < 0 && overflowLogged.compareAndSet(false, true)) {
            LOG.warning("completed counts: " + table.pendingSwarms() + " torrents already wait to be written ("
                    + CompletedConfig.MAX_PENDING_SWARMS + "); completed downloads of further torrents are dropped"
                    + " and counted as overflow until PostgreSQL takes the pending ones"
                    + (problem == null ? "" : " (" + problem + ")"));
        }
    }

    /**
     * {@code response} with each {@code downloaded} replaced by the persisted total plus the pending increments
     * (never less than the store's own figure; see {@link CountTable#downloaded}). Complete and incomplete are the
     * store's. Allocates the new response only.
     */
    public ScrapeResponse withPersisted(ScrapeResponse response) {
        if (database == null) {
            return response;
        }
        List<SwarmStats> files = response.files();
        long now = System.nanoTime();
        SwarmStats[] out = new SwarmStats[files.size()];
        for (int i = 0; i < out.length; i++) {
            SwarmStats s = files.get(i);
            long downloaded = table.downloaded(s.infoHash(), s.downloaded(), now);
            out[i] = downloaded == s.downloaded() ? s
                    : new SwarmStats(s.infoHash(), s.complete(), s.incomplete(), downloaded);
        }
        return new ScrapeResponse(List.of(out)); // List.of: the record's List.copyOf then copies nothing
    }

    public CompletedStats stats() {
        if (database == null) {
            return CompletedStats.OFF;
        }
        return new CompletedStats(true, table.pendingIncrements(), table.pendingSwarms(), flushes, flushErrors,
                table.overflow(), table.size());
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Always ready while it runs: with PostgreSQL away the tracker still answers and keeps the increments, so the
     * process should stay in rotation; {@link #detail()} says it is degraded.
     */
    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public String detail() {
        if (database == null) {
            return null;
        }
        String p = problem;
        if (p == null) {
            return "current";
        }
        return "degraded since " + problemSince + ": " + p + "; " + table.pendingIncrements() + " completed of "
                + table.pendingSwarms() + " torrents pending, " + table.overflow() + " dropped (overflow)";
    }

    /** Stops the thread after one last attempt to write what is pending. */
    @Override
    public void close() {
        if (thread == null || closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the flusher thread -------------------------------------------------------------------------------------

    private void run() {
        long interval = config.flushInterval().toNanos();
        long nextFlush = System.nanoTime() + interval;
        long retryAt = 0;
        while (!closed) {
            long now = System.nanoTime();
            LockSupport.parkNanos(this, Math.max(1, Math.min(POLL_NANOS, nextFlush - now)));
            now = System.nanoTime();
            if (closed || (outage.down() && now - retryAt < 0)) {
                continue;
            }
            try {
                // In an outage every retry is an attempt, whatever the flush schedule says.
                boolean retry = outage.down();
                boolean answered = false;
                if (retry || now - nextFlush >= 0 || table.sinceFlush() >= config.flushEvents()) {
                    nextFlush = now + interval;
                    answered = flush();
                }
                if (table.loadRequested()) {
                    answered |= load();
                }
                if (retry && !answered) {
                    // Nothing to write or read: ask anyway, so an idle process also learns that PostgreSQL is back.
                    database.read(List.of(PROBE));
                    answered = true;
                }
                table.trim();
                if (answered) {
                    recovered();
                }
            } catch (RuntimeException e) {
                failed(e);
                retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(outage.backoffMillis());
            }
        }
        lastFlush();
    }

    /** @return whether the database was asked */
    private boolean flush() {
        Map<InfoHash, Long> pending = table.pending();
        if (pending.isEmpty()) {
            return false;
        }
        Map<InfoHash, Long> totals = database.add(pending);
        table.flushed(pending, totals, System.nanoTime());
        flushes++;
        if (table.pendingSwarms() < config.maxPendingSwarms()) {
            overflowLogged.set(false); // a later overflow is a new episode, worth a new warning
        }
        return true;
    }

    /** @return whether the database was asked */
    private boolean load() {
        List<InfoHash> asked = table.takeToLoad();
        if (asked.isEmpty()) {
            return false;
        }
        table.loaded(asked, database.read(asked), System.nanoTime());
        return true;
    }

    private void recovered() {
        Duration lasted = outage.recovered();
        if (lasted != null) {
            problem = null;
            problemSince = null;
            LOG.info("completed counts: PostgreSQL reachable again after " + lasted.toSeconds() + "s; "
                    + table.pendingIncrements() + " completed still pending, " + table.overflow()
                    + " dropped (overflow) so far");
        }
    }

    private void failed(RuntimeException e) {
        flushErrors++;
        String why = Outage.describe(e);
        problem = why;
        if (outage.failed()) {
            problemSince = Instant.now();
            LOG.warning("completed counts: PostgreSQL unreachable (" + why + "); keeping "
                    + table.pendingIncrements() + " completed of " + table.pendingSwarms()
                    + " torrents in memory (at most " + config.maxPendingSwarms() + " torrents), retrying with"
                    + " backoff up to " + config.maxBackoff().toSeconds() + "s");
        } else {
            LOG.log(Level.FINE, "completed counts: still unreachable: {0}", why);
        }
    }

    /** At shutdown: one more write; what still cannot be written is logged, never dropped silently. */
    private void lastFlush() {
        if (table.pendingSwarms() == 0) {
            return;
        }
        try {
            flush(); // pending swarms exist, so this writes
        } catch (RuntimeException e) {
            flushErrors++;
            LOG.warning("completed counts: " + table.pendingIncrements() + " completed of " + table.pendingSwarms()
                    + " torrents could not be written before stopping and are lost: " + Outage.describe(e));
        }
    }
}
