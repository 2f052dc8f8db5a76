package org.bittern.bittorrent;

import java.util.List;

/** Scrape figures for each requested torrent, in request order (an unknown torrent has zeros). */
public record ScrapeResponse(List<SwarmStats> files) {
    public ScrapeResponse {
        files = List.copyOf(files);
    }
}
