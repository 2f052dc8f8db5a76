package org.bittern.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import org.bittern.bittorrent.InfoHash;
import org.bittern.lists.ListKind;

/**
 * A row of {@code torrent_list}: one torrent on the allow or the deny list. Every insert, update and delete reaches
 * every tracker process through the table's NOTIFY trigger, whichever way it is made.
 */
@Entity
@Table(name = "torrent_list")
public class ListedTorrent {

    /** The 20 raw bytes; the table refuses any other length. */
    @Id
    @Column(name = "info_hash", nullable = false, updatable = false, length = InfoHash.LENGTH)
    private byte[] infoHash;

    @Convert(converter = ListKindConverter.class)
    @Column(name = "list", nullable = false, length = 5)
    private ListKind list;

    @Column(name = "name", length = 1024)
    private String name;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected ListedTorrent() {
        // for JPA
    }

    public ListedTorrent(InfoHash infoHash, ListKind list, String name, String createdBy) {
        this.infoHash = infoHash.toBytes();
        this.list = Objects.requireNonNull(list, "list");
        this.name = name;
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
    }

    /**
     * The column has a default, but JPA inserts every column, so the entity sets the time itself: in microseconds,
     * which is what PostgreSQL keeps (it would round the nanoseconds), so the entity equals the row read back.
     */
    @PrePersist
    void stamp() {
        if (createdAt == null) {
            createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
    }

    public InfoHash infoHash() {
        return InfoHash.of(infoHash);
    }

    public ListKind list() {
        return list;
    }

    public void list(ListKind list) {
        this.list = Objects.requireNonNull(list, "list");
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ListedTorrent other && Arrays.equals(infoHash, other.infoHash));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(infoHash);
    }

    @Override
    public String toString() {
        return "ListedTorrent[" + InfoHash.of(infoHash).toHex() + " " + list + "]";
    }
}
