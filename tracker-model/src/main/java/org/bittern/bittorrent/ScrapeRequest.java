package org.bittern.bittorrent;

import java.util.List;
import java.util.Map;

/**
 * A validated scrape (BEP 48 / BEP 15): the torrents asked about, in request order, already cut to the
 * configured maximum.
 */
public record ScrapeRequest(List<InfoHash> infoHashes, AddressFamily family, Map<String, String> params) {
    public ScrapeRequest {
        infoHashes = List.copyOf(infoHashes);
        params = params == null ? Map.of() : params;
    }
}
