package org.bittern.bittorrent;

/**
 * Scrape figures of one torrent (BEP 48): {@code complete} seeders, {@code incomplete} leechers and
 * {@code downloaded} completed downloads, over both address families.
 */
public record SwarmStats(InfoHash infoHash, long complete, long incomplete, long downloaded) {
    public static SwarmStats empty(InfoHash infoHash) {
        return new SwarmStats(infoHash, 0, 0, 0);
    }
}
