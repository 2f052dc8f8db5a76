package org.bittern.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import org.bittern.bittorrent.InfoHash;
import org.bittern.lists.ListsConfig;
import org.bittern.lists.ListsMode;
import org.bittern.lists.ListsStatus;
import org.bittern.lists.PostgresListFeed;
import org.bittern.lists.TorrentLists;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The in-memory snapshot following changes made with plain SQL on a real PostgreSQL. */
class ListsFollowPostgresTest {

    /** Issue 4: a change reaches every process within 2 seconds. */
    private static final Duration PROPAGATION = Duration.ofSeconds(2);
    static final PostgresListFeed.Timing FAST = new PostgresListFeed.Timing(Duration.ofMillis(200),
            Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1));

    private static EmbeddedDatabase db;
    private TorrentLists lists;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.startMigrated();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @AfterEach
    void closeLists() {
        if (lists != null) {
            lists.close();
        }
        db.execute("DELETE FROM torrent_list");
    }

    @Test
    void loadsTheListOfItsModeAtStart() throws InterruptedException {
        insert(hash(1), "allow");
        insert(hash(2), "allow");
        insert(hash(3), "deny");

        lists = start(ListsMode.ALLOW, Duration.ofMinutes(5));

        assertThat(lists.awaitFirstLoad(Duration.ofSeconds(10))).isTrue();
        assertThat(lists.approved(hash(1))).isTrue();
        assertThat(lists.approved(hash(2))).isTrue();
        assertThat(lists.approved(hash(3))).isFalse();
        assertThat(lists.status().state()).isEqualTo(ListsStatus.State.CURRENT);
        assertThat(lists.status().entries()).isEqualTo(2);
    }

    @Test
    void changesMadeWithPlainSqlReachTheSnapshotWithinTwoSeconds() throws InterruptedException {
        lists = start(ListsMode.ALLOW, Duration.ofMinutes(5));
        TorrentLists deny = start(ListsMode.DENY, Duration.ofMinutes(5));
        try {
            assertThat(lists.awaitFirstLoad(Duration.ofSeconds(10))).isTrue();
            assertThat(deny.awaitFirstLoad(Duration.ofSeconds(10))).isTrue();
            assertThat(lists.approved(hash(10))).isFalse();

            insert(hash(10), "allow");
            await().atMost(PROPAGATION).until(() -> lists.approved(hash(10)));

            db.execute("UPDATE torrent_list SET list = 'deny' WHERE info_hash = '\\x" + hash(10).toHex() + "'");
            await().atMost(PROPAGATION).until(() -> !lists.approved(hash(10)) && !deny.approved(hash(10)));

            db.execute("DELETE FROM torrent_list WHERE info_hash = '\\x" + hash(10).toHex() + "'");
            await().atMost(PROPAGATION).until(() -> deny.approved(hash(10)));
            assertThat(lists.approved(hash(10))).isFalse();
        } finally {
            deny.close();
        }
    }

    @Test
    void aBulkImportArrivesAsOneReload() throws InterruptedException {
        lists = start(ListsMode.ALLOW, Duration.ofMinutes(5));
        assertThat(lists.awaitFirstLoad(Duration.ofSeconds(10))).isTrue();

        db.execute("INSERT INTO torrent_list (info_hash, list) SELECT substring(sha256(int4send(i)) FROM 1 FOR 20), "
                + "'allow' FROM generate_series(1, 20000) AS i");

        await().atMost(PROPAGATION).until(() -> lists.status().entries() == 20_000);
    }

    @Test
    void aChangeThatSentNoNotificationIsPickedUpByTheReconcile() throws InterruptedException {
        lists = start(ListsMode.ALLOW, Duration.ofSeconds(1));
        assertThat(lists.awaitFirstLoad(Duration.ofSeconds(10))).isTrue();

        // As if the notification were lost: the trigger is off for this one insert.
        db.execute("BEGIN; ALTER TABLE torrent_list DISABLE TRIGGER USER; "
                + "INSERT INTO torrent_list (info_hash, list) VALUES ('\\x" + hash(20).toHex() + "', 'allow'); "
                + "ALTER TABLE torrent_list ENABLE TRIGGER USER; COMMIT");

        await().atMost(Duration.ofSeconds(5)).until(() -> lists.approved(hash(20)));
    }

    static TorrentLists start(EmbeddedDatabase db, ListsMode mode, Duration reconcile) {
        return TorrentLists.start(new ListsConfig(mode, db.config(), reconcile, false), FAST);
    }

    private static TorrentLists start(ListsMode mode, Duration reconcile) {
        return start(db, mode, reconcile);
    }

    static void insert(EmbeddedDatabase db, InfoHash hash, String list) {
        db.execute("INSERT INTO torrent_list (info_hash, list) VALUES ('\\x" + hash.toHex() + "', '" + list + "')");
    }

    private static void insert(InfoHash hash, String list) {
        insert(db, hash, list);
    }

    static InfoHash hash(int i) {
        byte[] b = new byte[20];
        b[0] = (byte) 0xc0;
        b[19] = (byte) i;
        b[18] = (byte) (i >> 8);
        return InfoHash.of(b);
    }

    static String hex(InfoHash h) {
        return HexFormat.of().formatHex(h.toBytes());
    }
}
