package org.bittern.lists;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.bittern.bittorrent.InfoHash;
import org.bittern.lists.ListsStatus.State;

/**
 * The process's view of the torrent list its mode consults: an in-memory snapshot that requests read without
 * touching the database, swapped atomically as PostgreSQL reports changes ({@link PostgresListFeed}).
 */
public final class TorrentLists implements AutoCloseable {

    private final ListsMode mode;
    private final Clock clock;
    private final PostgresListFeed feed;

    /** Null until the first load. */
    private volatile InfoHashSet snapshot;
    private volatile Instant syncedAt;
    private volatile boolean connected;
    private volatile String problem;
    private final Object firstLoad = new Object();

    private TorrentLists(ListsMode mode, Clock clock, InfoHashSet snapshot, ListsConfig config,
            PostgresListFeed.Timing timing) {
        this.mode = mode;
        this.clock = clock;
        this.snapshot = snapshot;
        if (snapshot != null) {
            syncedAt = clock.instant();
            connected = true;
        }
        this.feed = config == null ? null : new PostgresListFeed(config.database(), mode.list(),
                config.reconcileInterval(), timing, this);
    }

    /** Lists off: every torrent approved, no database, no thread. */
    public static TorrentLists off() {
        return new TorrentLists(ListsMode.OFF, Clock.systemUTC(), null, null, null);
    }

    /** A fixed snapshot that never changes, for tests and benchmarks of the approval path. */
    public static TorrentLists fixed(ListsMode mode, InfoHashSet snapshot) {
        return new TorrentLists(mode, Clock.systemUTC(), Objects.requireNonNull(snapshot, "snapshot"), null, null);
    }

    /** {@link #start(ListsConfig, PostgresListFeed.Timing)} with the production timings. */
    public static TorrentLists start(ListsConfig config) {
        return start(config, PostgresListFeed.Timing.DEFAULT);
    }

    /**
     * For mode off, {@link #off()}. Otherwise starts following PostgreSQL on a thread of its own and returns at
     * once; until the first load every announce is refused ({@link TorrentApproval}). Never throws for an
     * unreachable database: the feed keeps trying.
     */
    public static TorrentLists start(ListsConfig config, PostgresListFeed.Timing timing) {
        if (config.mode() == ListsMode.OFF) {
            return off();
        }
        TorrentLists lists = new TorrentLists(config.mode(), Clock.systemUTC(), null, config, timing);
        lists.feed.start();
        return lists;
    }

    public ListsMode mode() {
        return mode;
    }

    /** Whether an announce for {@code hash} may go on. No I/O, no allocation. */
    public boolean approved(InfoHash hash) {
        return TorrentApproval.approved(mode, snapshot, hash);
    }

    /** The snapshot in use; null before the first load (and always for mode off). */
    public InfoHashSet snapshot() {
        return snapshot;
    }

    public ListsStatus status() {
        if (mode == ListsMode.OFF) {
            return new ListsStatus(mode, State.OFF, 0, null, null);
        }
        InfoHashSet s = snapshot;
        if (s == null) {
            return new ListsStatus(mode, State.LOADING, 0, null, problem);
        }
        return new ListsStatus(mode, connected ? State.CURRENT : State.STALE, s.size(), syncedAt, problem);
    }

    /** Waits until the first snapshot is in place. @return whether it is */
    public boolean awaitFirstLoad(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (firstLoad) {
            while (snapshot == null && mode != ListsMode.OFF) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                firstLoad.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Stops following PostgreSQL (the snapshot stays as it was). */
    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
    }

    // ---- called by the feed, on its thread ---------------------------------------------------------------------

    void replace(InfoHashSet next) {
        snapshot = next;
        synced();
        synchronized (firstLoad) {
            firstLoad.notifyAll();
        }
    }

    void synced() {
        syncedAt = clock.instant();
        connected = true;
        problem = null;
    }

    void lost(String why) {
        connected = false;
        problem = why;
    }
}
