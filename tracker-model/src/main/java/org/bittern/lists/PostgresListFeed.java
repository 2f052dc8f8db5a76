package org.bittern.lists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bittern.bittorrent.InfoHash;
import org.bittern.config.DatabaseConfig;
import org.bittern.health.Outage;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps a {@link TorrentLists} in step with PostgreSQL on one thread and one plain JDBC connection:
 * {@code LISTEN}, then a full read, then the notifications of {@link ListChange} as they come (applied in batches),
 * and a full read again every reconcile interval and after every reconnect, since notifications sent while
 * disconnected are lost.
 *
 * <p>When PostgreSQL goes away the snapshot stays, one warning is logged for the whole outage, and the feed
 * reconnects with exponential backoff; the reconnect is logged once too.
 */
public final class PostgresListFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresListFeed.class.getName());

    /** Rows per round trip of a full read: bounded memory in the driver, few round trips. */
    private static final int FETCH_SIZE = 10_000;
    /** A batch of notifications is applied at most this large; a bigger burst just makes more batches. */
    private static final int MAX_BATCH = 50_000;

    /**
     * @param poll           longest wait for a notification before checking for reconcile and shutdown
     * @param coalesce       after a notification, how long to wait for more before applying them together (one
     *                       rebuild of the set for a burst of changes)
     * @param keepAlive      a query after this long without traffic: a connection that silently died (no FIN, e.g.
     *                       a dropped network path) would otherwise look idle for ever
     * @param initialBackoff first wait after a failed connection; doubled up to {@code maxBackoff}
     */
    public record Timing(Duration poll, Duration coalesce, Duration keepAlive, Duration initialBackoff,
            Duration maxBackoff) {
        /** Notifications reach the snapshot within about {@code coalesce} plus a rebuild: well under a second. */
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofMillis(50),
                Duration.ofSeconds(15), Duration.ofMillis(500), Duration.ofSeconds(30));

        public Timing {
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(coalesce, "coalesce");
            Objects.requireNonNull(keepAlive, "keepAlive");
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
        }
    }

    private final DatabaseConfig database;
    private final ListKind list;
    private final long reconcileNanos;
    private final Timing timing;
    private final TorrentLists target;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean closed;
    private volatile Connection connection;
    /** Feed thread only. */
    private final Outage outage;

    PostgresListFeed(DatabaseConfig database, ListKind list, Duration reconcileInterval, Timing timing,
            TorrentLists target) {
        this.database = Objects.requireNonNull(database, "database");
        this.list = Objects.requireNonNull(list, "list");
        this.reconcileNanos = reconcileInterval.toNanos();
        this.timing = Objects.requireNonNull(timing, "timing");
        this.target = target;
        this.outage = new Outage(timing.initialBackoff(), timing.maxBackoff());
        this.thread = new Thread(this::run, "bittern-lists");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        Connection c = connection;
        if (c != null) {
            try {
                // Unblocks a getNotifications or a full read in progress at once.
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "lists: closing the connection", e);
            }
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            try (Connection c = connect()) {
                connection = c;
                follow(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                String why = Outage.describe(e);
                target.lost(why);
                if (outage.failed()) {
                    InfoHashSet s = target.snapshot();
                    LOG.warning("lists: PostgreSQL unreachable (" + why + "); "
                            + (s == null ? "no snapshot yet, every announce is refused"
                                    : "serving the last snapshot (" + s.size() + " entries)")
                            + "; reconnecting with backoff up to " + timing.maxBackoff().toSeconds() + "s");
                } else {
                    LOG.log(Level.FINE, "lists: still unreachable: {0}", why);
                }
                pause(outage.backoffMillis());
            } finally {
                connection = null;
            }
        }
    }

    /** Returns only when closed; any failure of the connection is thrown. */
    private void follow(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // LISTEN before the read: a change committed in between is then both in the read and notified, and
            // notifications are absolute ("now on", "gone"), so replaying it is harmless; the other order loses it.
            s.execute("LISTEN " + ListChange.CHANNEL);
        }
        reload(c);
        Duration lasted = outage.recovered();
        if (lasted != null) {
            LOG.info("lists: PostgreSQL reachable again after " + lasted.toSeconds() + "s; snapshot reloaded ("
                    + target.snapshot().size() + " entries)");
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextReconcile = System.nanoTime() + reconcileNanos;
        long lastTraffic = System.nanoTime();
        int pollMillis = (int) timing.poll().toMillis();
        int coalesceMillis = (int) Math.max(1, timing.coalesce().toMillis());
        while (!closed) {
            PGNotification[] got = pg.getNotifications(pollMillis);
            if (got != null && got.length > 0) {
                Map<InfoHash, Boolean> changes = new LinkedHashMap<>();
                boolean reload = collect(got, changes);
                int n = got.length;
                while (!reload && n < MAX_BATCH) {
                    PGNotification[] more = pg.getNotifications(coalesceMillis);
                    if (more == null || more.length == 0) {
                        break;
                    }
                    reload = collect(more, changes);
                    n += more.length;
                }
                if (reload) {
                    reload(c);
                    nextReconcile = System.nanoTime() + reconcileNanos;
                } else {
                    target.replace(target.snapshot().apply(changes));
                }
                lastTraffic = System.nanoTime();
            } else if (System.nanoTime() - lastTraffic > timing.keepAlive().toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastTraffic = System.nanoTime();
            }
            if (System.nanoTime() - nextReconcile >= 0) {
                reload(c);
                nextReconcile = System.nanoTime() + reconcileNanos;
            }
            target.synced();
        }
    }

    /** Adds the changes to {@code changes} (the latest per hash wins). @return whether a full read is needed */
    private boolean collect(PGNotification[] notifications, Map<InfoHash, Boolean> changes) {
        for (PGNotification n : notifications) {
            if (!ListChange.CHANNEL.equals(n.getName())) {
                continue;
            }
            ListChange change = ListChange.parse(n.getParameter());
            if (change.reload()) {
                return true;
            }
            // Re-inserting keeps the map in notification order, which does not matter: the last value wins.
            changes.remove(change.hash());
            changes.put(change.hash(), change.list() == list);
        }
        return false;
    }

    /** Reads the whole list and swaps it in. */
    private void reload(Connection c) throws SQLException {
        long start = System.nanoTime();
        InfoHashSet.Builder b = InfoHashSet.builder(1024);
        c.setAutoCommit(false); // pgjdbc streams with a fetch size only inside a transaction
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT info_hash FROM torrent_list WHERE list = ? ORDER BY info_hash")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, list.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] hash = rs.getBytes(1);
                    if (hash != null && hash.length == InfoHash.LENGTH) { // the table's CHECK makes this always so
                        b.add(hash, 0);
                    }
                }
            }
            c.commit();
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
        target.replace(b.build());
        LOG.log(Level.FINE, "lists: read {0} {1} entries in {2} ms",
                new Object[] {b.size(), list.sql(), (System.nanoTime() - start) / 1_000_000});
    }

    private Connection connect() throws SQLException {
        Properties p = database.connectionProperties();
        p.setProperty("ApplicationName", "bittern-lists");
        p.setProperty("connectTimeout", "10");
        // A full read of a million rows takes seconds, not minutes; a stalled socket must end in an exception.
        p.setProperty("socketTimeout", "60");
        p.setProperty("tcpKeepAlive", "true");
        // The driver directly rather than DriverManager: DriverManager only sees drivers of the caller's class
        // loader, which in an application server need not be ours.
        Connection c = new org.postgresql.Driver().connect(database.url(), p);
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL");
        }
        c.setAutoCommit(true);
        return c;
    }

    private void pause(long millis) {
        synchronized (wake) {
            if (!closed) {
                try {
                    wake.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }
}
