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
 * @param subnetPreference which peers the store samples first ({@code subnet-preference} middleware); never null,
 *                    {@link SubnetPreference#NONE} unless that middleware set it
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
        Map<String, String> params,
        SubnetPreference subnetPreference) {

    public static final int DEFAULT_NUM_WANT = -1;

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(event, "event");
        params = params == null ? Map.of() : params;
        subnetPreference = subnetPreference == null ? SubnetPreference.NONE : subnetPreference;
    }

    /** A request as the frontends decode it: no subnet preference until middleware adds one. */
    public AnnounceRequest(InfoHash infoHash, Peer peer, Event event, long uploaded, long downloaded, long left,
            int numWant, boolean bothFamilies, Map<String, String> params) {
        this(infoHash, peer, event, uploaded, downloaded, left, numWant, bothFamilies, params, SubnetPreference.NONE);
    }

    /** The same request with the store asked to sample the announcer's own subnet first. */
    public AnnounceRequest withSubnetPreference(SubnetPreference preference) {
        return new AnnounceRequest(infoHash, peer, event, uploaded, downloaded, left, numWant, bothFamilies, params,
                preference);
    }

    /** A peer that has nothing left to download is a seeder (BEP 3). */
    public boolean isSeeder() {
        return left == 0;
    }
}
