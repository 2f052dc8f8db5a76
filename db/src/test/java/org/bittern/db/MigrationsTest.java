package org.bittern.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The Flyway schema on a real, initially empty PostgreSQL. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationsTest {

    private static EmbeddedDatabase db;

    @BeforeAll
    static void startEmpty() {
        db = EmbeddedDatabase.start();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    @Order(1)
    void migratesAnEmptyDatabase() throws SQLException {
        MigrateResult result = Migrations.migrate(db.config());

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(tables()).contains("torrent_list", "completed_count", "flyway_schema_history");
    }

    @Test
    @Order(2)
    void runningAgainChangesNothing() throws SQLException {
        List<String> before = tables();

        MigrateResult again = Migrations.migrate(db.config());

        assertThat(again.success).isTrue();
        assertThat(again.migrationsExecuted).isZero();
        assertThat(tables()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void theListTableTakesOnly20ByteHashesOnAllowOrDeny() {
        db.execute("INSERT INTO torrent_list (info_hash, list) VALUES ('\\x" + hex(1) + "', 'allow')");

        assertThatThrownBy(() -> db.execute("INSERT INTO torrent_list (info_hash, list) VALUES ('\\x0102', 'allow')"))
                .hasMessageContaining("torrent_list_info_hash_20_bytes");
        assertThatThrownBy(() -> db.execute(
                "INSERT INTO torrent_list (info_hash, list) VALUES ('\\x" + hex(2) + "', 'maybe')"))
                .hasMessageContaining("torrent_list_list_allow_or_deny");
        assertThatThrownBy(() -> db.execute(
                "INSERT INTO completed_count (info_hash, completed) VALUES ('\\x" + hex(3) + "', -1)"))
                .hasMessageContaining("completed_count_not_negative");
    }

    @Test
    @Order(4)
    void plainSqlGetsWhoAndWhenByDefault() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT created_by, created_at FROM torrent_list WHERE info_hash = '\\x"
                        + hex(1) + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(EmbeddedDatabase.USER);
            assertThat(rs.getTimestamp(2)).isNotNull();
        }
    }

    @Test
    @Order(5)
    void everyChangeOfTheListNotifies() throws SQLException {
        try (Connection listener = db.connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN bittern_torrent_list");
            }
            db.execute(
                    "INSERT INTO torrent_list (info_hash, list) VALUES ('\\x" + hex(10) + "', 'deny')",
                    "UPDATE torrent_list SET list = 'allow' WHERE info_hash = '\\x" + hex(10) + "'",
                    "DELETE FROM torrent_list WHERE info_hash = '\\x" + hex(10) + "'",
                    // One transaction: insert, delete, insert again. PostgreSQL folds equal payloads of a
                    // transaction into one, so without the sequence number in each message the last insert would
                    // look like the first and be dropped.
                    "BEGIN; INSERT INTO torrent_list (info_hash, list) VALUES ('\\x" + hex(11) + "', 'allow'); "
                            + "DELETE FROM torrent_list WHERE info_hash = '\\x" + hex(11) + "'; "
                            + "INSERT INTO torrent_list (info_hash, list) VALUES ('\\x" + hex(11) + "', 'allow'); "
                            + "COMMIT",
                    "TRUNCATE torrent_list");

            List<String> got = payloads(listener, 9);

            assertThat(got).containsExactly(
                    "+:" + hex(10) + ":deny",
                    "-:" + hex(10), "+:" + hex(10) + ":allow",
                    "-:" + hex(10),
                    "+:" + hex(11) + ":allow", "-:" + hex(11), "+:" + hex(11) + ":allow",
                    "*");
        }
    }

    @Test
    @Order(6)
    void aBulkStatementSendsOneReloadInsteadOfAMessagePerRow() throws SQLException {
        try (Connection listener = db.connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN bittern_torrent_list");
            }
            db.execute("INSERT INTO torrent_list (info_hash, list) SELECT substring(sha256(int4send(i)) FROM 1 FOR 20), 'allow' "
                    + "FROM generate_series(1, 5000) AS i");

            assertThat(payloads(listener, 1)).containsExactly("*");
            assertThat(payloads(listener, 0)).isEmpty();
        }
    }

    @Test
    @Order(7)
    void completedCountsAddUp() throws SQLException {
        String upsert = "INSERT INTO completed_count (info_hash, completed) VALUES (?, ?) "
                + "ON CONFLICT (info_hash) DO UPDATE SET completed = completed_count.completed + EXCLUDED.completed";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(upsert)) {
            for (int add : new int[] {3, 4}) {
                ps.setBytes(1, HexFormat.of().parseHex(hex(20)));
                ps.setLong(2, add);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT completed FROM completed_count WHERE info_hash = '\\x" + hex(20) + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(7);
            }
        }
    }

    /** Collects {@code n} notifications (without their sequence numbers), waiting up to 5 s in all. */
    private static List<String> payloads(Connection listener, int n) throws SQLException {
        PGConnection pg = listener.unwrap(PGConnection.class);
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(n == 0 ? 1 : 5).toNanos();
        while ((n == 0 || out.size() < n) && System.nanoTime() < deadline) {
            PGNotification[] got = pg.getNotifications(100);
            if (got != null) {
                for (PGNotification g : got) {
                    String p = g.getParameter();
                    out.add(p.substring(p.indexOf(':') + 1));
                }
            }
        }
        return out;
    }

    private static List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A distinct 20-byte hash in hex. */
    static String hex(int i) {
        byte[] b = new byte[20];
        b[0] = (byte) 0xab;
        b[18] = (byte) (i >> 8);
        b[19] = (byte) i;
        return HexFormat.of().formatHex(b);
    }
}
