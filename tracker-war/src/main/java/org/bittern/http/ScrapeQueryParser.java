package org.bittern.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeRequest;

/**
 * Turns the raw query of an HTTP scrape into a {@link ScrapeRequest}. BEP 48: the client repeats
 * {@code info_hash} once per torrent (the raw query is the only place repeated keys survive, see
 * {@link RawQuery}). Every value must be 20 bytes; duplicates are dropped keeping request order (a
 * bencoded {@code files} dictionary cannot hold a key twice anyway); then only the first
 * {@code maxInfoHashes} distinct hashes are kept ({@code tracker.scrape.max-info-hashes}: cut off, not an
 * error, as opentracker and Chihaya do, so a large scrape still gets an answer). Stateless and thread-safe.
 */
public final class ScrapeQueryParser {
    private static final String INFO_HASH = "info_hash";
    private static final String JWT = "jwt";

    /**
     * @param family the address family the request arrived on (swarms are per family)
     * @throws ClientError {@link HttpErrors#MISSING_INFO_HASH}, {@link HttpErrors#INVALID_INFO_HASH}, or
     *                     one of {@link RawQuery}'s
     */
    public ScrapeRequest parse(String rawQuery, AddressFamily family, int maxInfoHashes) {
        Objects.requireNonNull(family, "family");
        if (maxInfoHashes < 1) {
            throw new IllegalArgumentException("maxInfoHashes must be at least 1: " + maxInfoHashes);
        }
        RawQuery q = RawQuery.parse(rawQuery);
        int count = 0;
        int jwt = -1;
        for (int i = 0, n = q.size(); i < n; i++) {
            if (q.keyEquals(i, INFO_HASH)) {
                if (q.valueLength(i) != InfoHash.LENGTH) {
                    throw new ClientError(HttpErrors.INVALID_INFO_HASH);
                }
                count++;
            } else if (q.keyEquals(i, JWT)) {
                jwt = i;
            }
        }
        if (count == 0) {
            throw new ClientError(HttpErrors.MISSING_INFO_HASH);
        }
        int keep = Math.min(count, maxInfoHashes);
        List<InfoHash> hashes = new ArrayList<>(keep);
        Set<InfoHash> seen = count > 1 ? new HashSet<>() : null;
        for (int i = 0, n = q.size(); i < n && hashes.size() < keep; i++) {
            if (q.keyEquals(i, INFO_HASH)) {
                InfoHash h = InfoHash.of(q.buffer(), q.valueOffset(i));
                if (seen == null || seen.add(h)) {
                    hashes.add(h);
                }
            }
        }
        // The jwt middleware may guard scrapes as well as announces.
        Map<String, String> params = jwt < 0 ? Map.of() : Map.of(JWT, q.valueAsString(jwt));
        return new ScrapeRequest(hashes, family, params);
    }
}
