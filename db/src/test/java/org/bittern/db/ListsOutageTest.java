package org.bittern.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bittern.db.ListsFollowPostgresTest.hash;
import static org.bittern.db.ListsFollowPostgresTest.insert;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.bittern.lists.ListsMode;
import org.bittern.lists.ListsStatus.State;
import org.bittern.lists.PostgresListFeed;
import org.bittern.lists.TorrentLists;
import org.bittern.logging.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL stopped and started again under a running snapshot. */
class ListsOutageTest {

    private static EmbeddedDatabase db;
    private static LogCapture log;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.startMigrated();
        log = LogCapture.of(PostgresListFeed.class);
    }

    @AfterAll
    static void stop() {
        log.close();
        db.close();
    }

    @Test
    void keepsTheSnapshotWhileDownLogsOnceAndCatchesUpAfterTheRestart() throws InterruptedException {
        insert(db, hash(1), "allow");
        try (TorrentLists lists = ListsFollowPostgresTest.start(db, ListsMode.ALLOW, Duration.ofMinutes(5))) {
            assertThat(lists.awaitFirstLoad(Duration.ofSeconds(10))).isTrue();
            assertThat(lists.approved(hash(1))).isTrue();

            db.stop();

            await().atMost(Duration.ofSeconds(10)).until(() -> lists.status().state() == State.STALE);
            assertThat(lists.approved(hash(1))).isTrue(); // the last snapshot is still served
            assertThat(lists.approved(hash(2))).isFalse();
            assertThat(lists.status().problem()).isNotBlank();
            // Several reconnects fail at the 1 s backoff ceiling meanwhile; still only one warning.
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(warnings()).hasSize(1);
            assertThat(warnings().get(0).getMessage()).contains("unreachable").contains("1 entries");

            db.restart();
            insert(db, hash(2), "allow");

            await().atMost(Duration.ofSeconds(10)).until(() -> lists.approved(hash(2)));
            assertThat(lists.status().state()).isEqualTo(State.CURRENT);
            assertThat(lists.approved(hash(1))).isTrue();
            assertThat(log.at(Level.INFO)).anyMatch(r -> r.getMessage().contains("reachable again"));
            assertThat(warnings()).hasSize(1);
        }
    }

    private static List<LogRecord> warnings() {
        return log.at(Level.WARNING);
    }
}
