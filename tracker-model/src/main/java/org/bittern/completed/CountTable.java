package org.bittern.completed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.bittern.bittorrent.InfoHash;

/**
 * The in-memory side of the completed counts: per torrent, the persisted total last read or written and the
 * increments not yet written, in one immutable {@link Entry} replaced atomically per key, so a scrape sees both
 * figures of one moment without a lock. Bounded: at most {@code maxPendingSwarms} torrents with unwritten
 * increments (a completed of one more is counted as overflow, not kept), and about {@code cacheSize} totals
 * without pending increments (trimmed by {@link #trim()}).
 *
 * <p>Written by the post-hook threads ({@link #record}) and the one flusher thread (everything that applies
 * database answers); read by request threads ({@link #downloaded}).
 */
final class CountTable {

    /** Most torrents waiting for a background read; scrapes of more unknown torrents are read when asked again. */
    static final int MAX_TO_LOAD = 10_000;
    /** {@link Entry#persisted} of a torrent whose row has not been read yet. */
    static final long UNKNOWN = -1;

    /**
     * @param persisted the row's total as last read or written, or {@link #UNKNOWN}
     * @param pending   increments recorded here and not written yet
     * @param readAt    {@link System#nanoTime()} of that read or write (0 while unknown)
     */
    record Entry(long persisted, long pending, long readAt) {
    }

    private final int maxPendingSwarms;
    private final int cacheSize;
    private final long refreshAfterNanos;
    private final ConcurrentHashMap<InfoHash, Entry> entries = new ConcurrentHashMap<>();
    private final Set<InfoHash> toLoad = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingSwarms = new AtomicInteger();
    private final AtomicLong pendingIncrements = new AtomicLong();
    /** Increments recorded since the last flush began: the early-flush trigger. */
    private final AtomicLong sinceFlush = new AtomicLong();
    private final LongAdder overflow = new LongAdder();

    CountTable(int maxPendingSwarms, int cacheSize, long refreshAfterNanos) {
        this.maxPendingSwarms = maxPendingSwarms;
        this.cacheSize = cacheSize;
        this.refreshAfterNanos = refreshAfterNanos;
    }

    /**
     * Adds {@code n} completed downloads of {@code hash} to its pending increments.
     *
     * @return the increments recorded since the last flush began, or -1 when the table already holds
     *         {@code maxPendingSwarms} torrents with pending increments and this is not one of them: then the
     *         increments are counted as {@link #overflow()} and dropped. The bound may be passed by the number of
     *         threads recording at once (the check and the insertion are not one step).
     */
    long record(InfoHash hash, long n) {
        Entry e = entries.get(hash);
        if ((e == null || e.pending == 0) && pendingSwarms.get() >= maxPendingSwarms) {
            overflow.add(n);
            return -1;
        }
        entries.compute(hash, (k, cur) -> {
            if (cur == null) {
                pendingSwarms.incrementAndGet();
                return new Entry(UNKNOWN, n, 0);
            }
            if (cur.pending == 0) {
                pendingSwarms.incrementAndGet();
            }
            return new Entry(cur.persisted, cur.pending + n, cur.readAt);
        });
        pendingIncrements.addAndGet(n);
        return sinceFlush.addAndGet(n);
    }

    /**
     * What scrape answers as {@code downloaded}: the persisted total plus the pending increments, never less than
     * the store's own figure; before the total is known (first scrape, or PostgreSQL away since the start), the
     * store's figure or the pending increments, whichever is larger. An unknown or stale total is queued for a
     * background read. No lock, no I/O; allocates only when it queues.
     *
     * @param store the peer store's {@code downloaded}
     * @param now   {@link System#nanoTime()}
     */
    long downloaded(InfoHash hash, long store, long now) {
        Entry e = entries.get(hash);
        if (e == null) {
            requestLoad(hash);
            return store;
        }
        if (e.persisted == UNKNOWN) {
            requestLoad(hash);
            return Math.max(store, e.pending);
        }
        if (now - e.readAt > refreshAfterNanos) {
            requestLoad(hash);
        }
        return Math.max(store, e.persisted + e.pending);
    }

    private void requestLoad(InfoHash hash) {
        if (toLoad.size() < MAX_TO_LOAD) {
            toLoad.add(hash);
        }
    }

    /** Whether a background read is wanted. */
    boolean loadRequested() {
        return !toLoad.isEmpty();
    }

    /** Takes the torrents queued for a background read. Flusher thread. */
    List<InfoHash> takeToLoad() {
        List<InfoHash> taken = new ArrayList<>(toLoad.size());
        for (InfoHash h : toLoad) {
            if (toLoad.remove(h)) {
                taken.add(h);
            }
        }
        return taken;
    }

    /**
     * The pending increments as they are now, to write; they stay pending until {@link #flushed} takes them off,
     * so a failed write loses nothing. Flusher thread.
     */
    Map<InfoHash, Long> pending() {
        sinceFlush.set(0);
        Map<InfoHash, Long> out = new HashMap<>(Math.max(16, pendingSwarms.get() * 2));
        entries.forEach((hash, e) -> {
            if (e.pending > 0) {
                out.put(hash, e.pending);
            }
        });
        return out;
    }

    /**
     * Applies a successful write of {@code written}: the totals it returned become the persisted figures and the
     * written increments leave the pending ones (increments recorded meanwhile stay). Flusher thread.
     */
    void flushed(Map<InfoHash, Long> written, Map<InfoHash, Long> totals, long now) {
        written.forEach((hash, increment) -> {
            entries.compute(hash, (k, cur) -> {
                long left = cur.pending - increment; // cur is never null: only this thread removes entries
                if (left == 0) {
                    pendingSwarms.decrementAndGet();
                }
                Long total = totals.get(hash);
                return new Entry(total == null ? cur.persisted : total, left, total == null ? cur.readAt : now);
            });
            pendingIncrements.addAndGet(-increment);
        });
    }

    /**
     * Applies a background read: each asked torrent's total (0 without a row). A torrent not in the table is only
     * added while it holds fewer than {@code cacheSize} totals. Flusher thread.
     */
    void loaded(Collection<InfoHash> asked, Map<InfoHash, Long> totals, long now) {
        for (InfoHash hash : asked) {
            long total = totals.getOrDefault(hash, 0L);
            entries.compute(hash, (k, cur) -> cur == null
                    ? (entries.size() < cacheSize ? new Entry(total, 0, now) : null)
                    : new Entry(total, cur.pending, now));
        }
    }

    /** Drops totals without pending increments beyond {@code cacheSize}; they are read again when asked. */
    void trim() {
        int excess = entries.size() - pendingSwarms.get() - cacheSize;
        if (excess <= 0) {
            return;
        }
        // Hash order is as good as random here: a dropped total costs one background read when next scraped.
        for (InfoHash hash : entries.keySet()) {
            if (excess <= 0) {
                break;
            }
            Entry after = entries.computeIfPresent(hash, (k, cur) -> cur.pending == 0 ? null : cur);
            if (after == null) {
                excess--;
            }
        }
    }

    Entry entry(InfoHash hash) {
        return entries.get(hash);
    }

    int pendingSwarms() {
        return pendingSwarms.get();
    }

    long pendingIncrements() {
        return pendingIncrements.get();
    }

    long sinceFlush() {
        return sinceFlush.get();
    }

    int size() {
        return entries.size();
    }

    long overflow() {
        return overflow.sum();
    }
}
