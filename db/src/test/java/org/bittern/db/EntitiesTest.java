package org.bittern.db;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.bittern.bittorrent.InfoHash;
import org.bittern.lists.ListKind;
import org.bittern.persistence.CompletedCount;
import org.bittern.persistence.ListedTorrent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JPA entities under Hibernate ORM 6.6 in Java SE (RESOURCE_LOCAL) on the Flyway schema. Booting the unit
 * runs {@code hbm2ddl.auto=validate}, so a mapping that drifts from the migrations fails here.
 */
class EntitiesTest {

    private static EmbeddedDatabase db;
    private static EntityManagerFactory emf;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.startMigrated();
        emf = Persistence.createEntityManagerFactory("bittern-test", db.jpaProperties());
    }

    @AfterAll
    static void stop() {
        if (emf != null) {
            emf.close();
        }
        db.close();
    }

    @Test
    void aListedTorrentIsWrittenAndReadBack() throws SQLException {
        InfoHash hash = InfoHash.fromHex("00ff80" + "7f".repeat(17));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        inTransaction(em -> em.persist(new ListedTorrent(hash, ListKind.ALLOW, "ubuntu-24.04.iso", "admin")));

        EntityManager em = emf.createEntityManager();
        try {
            ListedTorrent read = em.find(ListedTorrent.class, hash.toBytes());
            assertThat(read.infoHash()).isEqualTo(hash);
            assertThat(read.list()).isEqualTo(ListKind.ALLOW);
            assertThat(read.name()).isEqualTo("ubuntu-24.04.iso");
            assertThat(read.createdBy()).isEqualTo("admin");
            assertThat(read.createdAt()).isAfterOrEqualTo(before.minusSeconds(1));
        } finally {
            em.close();
        }
        // The converter wrote what the CHECK constraint and the trigger expect.
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT list, octet_length(info_hash) FROM torrent_list")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("allow");
            assertThat(rs.getInt(2)).isEqualTo(20);
        }
    }

    @Test
    void aRowWrittenWithPlainSqlIsReadAndMovedBetweenLists() {
        InfoHash hash = InfoHash.fromHex("ab".repeat(20));
        db.execute("INSERT INTO torrent_list (info_hash, list, name) VALUES ('\\x" + hash.toHex()
                + "', 'deny', 'leaked')");

        inTransaction(em -> em.find(ListedTorrent.class, hash.toBytes()).list(ListKind.ALLOW));

        EntityManager em = emf.createEntityManager();
        try {
            ListedTorrent read = em.find(ListedTorrent.class, hash.toBytes());
            assertThat(read.list()).isEqualTo(ListKind.ALLOW);
            assertThat(read.createdBy()).isEqualTo(EmbeddedDatabase.USER); // the column default
            assertThat(em.createQuery("select count(t) from ListedTorrent t where t.list = :l", Long.class)
                    .setParameter("l", ListKind.ALLOW).getSingleResult()).isGreaterThanOrEqualTo(1L);
        } finally {
            em.close();
        }
    }

    @Test
    void completedCountsAreWrittenAndRead() {
        InfoHash hash = InfoHash.fromHex("cd".repeat(20));

        inTransaction(em -> em.persist(new CompletedCount(hash, 42)));

        EntityManager em = emf.createEntityManager();
        try {
            assertThat(em.find(CompletedCount.class, hash.toBytes()).completed()).isEqualTo(42);
        } finally {
            em.close();
        }
    }

    private static void inTransaction(Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}
