package org.bittern.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import org.bittern.bittorrent.InfoHash;

/**
 * A row of {@code completed_count}: how many peers ever reported {@code completed} for a torrent (scrape's
 * {@code downloaded}). The post-hook that keeps it adds with one SQL upsert per torrent and flush, not through
 * this entity, so concurrent processes never lose an increment; the entity is for reading and for tests.
 */
@Entity
@Table(name = "completed_count")
public class CompletedCount {

    @Id
    @Column(name = "info_hash", nullable = false, updatable = false, length = InfoHash.LENGTH)
    private byte[] infoHash;

    @Column(name = "completed", nullable = false)
    private long completed;

    protected CompletedCount() {
        // for JPA
    }

    public CompletedCount(InfoHash infoHash, long completed) {
        if (completed < 0) {
            throw new IllegalArgumentException("completed must not be negative, got " + completed);
        }
        this.infoHash = infoHash.toBytes();
        this.completed = completed;
    }

    public InfoHash infoHash() {
        return InfoHash.of(infoHash);
    }

    public long completed() {
        return completed;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof CompletedCount other && Arrays.equals(infoHash, other.infoHash));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(infoHash);
    }

    @Override
    public String toString() {
        return "CompletedCount[" + InfoHash.of(infoHash).toHex() + " " + completed + "]";
    }
}
