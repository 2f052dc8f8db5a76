package org.bittern.bittorrent;

import java.util.Map;
import java.util.Objects;

/**
 * A validated, protocol-neutral announce (BEP 3 / BEP 15).
 *
 * @param numWant     peers asked for; {@link #DEFAULT_NUM_WANT} when the client did not say
 * @param bothFamilies whether peers of the other address family may be returned too (HTTP's {@code peers6},
 *                    BEP 7); UDP answers in the requester's family only (BEP 15)
 * @param params      further request parameters for middleware (e.g. {@code jwt}, {@code key}); never null
 */
public record AnnounceRequest(
        InfoHash infoHash,
        Peer peer,
        Event event,
        long uploaded,
        long downloaded,
        long left,
        int numWant,
        boolean bothFamilies,
        Map<String, String> params) {

    public static final int DEFAULT_NUM_WANT = -1;

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(event, "event");
        params = params == null ? Map.of() : params;
    }

    /** A peer that has nothing left to download is a seeder (BEP 3). */
    public boolean isSeeder() {
        return left == 0;
    }
}
