package org.bittern.bittorrent;

/**
 * The answer to an announce.
 *
 * @param interval    seconds until the next regular announce
 * @param minInterval seconds the client must at least wait
 * @param complete    seeders of the swarm (both address families)
 * @param incomplete  leechers of the swarm (both address families)
 * @param peers4      sampled IPv4 peers, never the announcer
 * @param peers6      sampled IPv6 peers, never the announcer
 * @param downloadCounted whether the store counted this announce as one completed download (never sent to the
 *                    client: post-hooks such as the persisted completed counts read it, so a repeated
 *                    {@code completed} is counted once, as the store counts it)
 */
public record AnnounceResponse(
        int interval,
        int minInterval,
        long complete,
        long incomplete,
        PeerList peers4,
        PeerList peers6,
        boolean downloadCounted) {

    /** An answer that counted no download. */
    public AnnounceResponse(int interval, int minInterval, long complete, long incomplete, PeerList peers4,
            PeerList peers6) {
        this(interval, minInterval, complete, incomplete, peers4, peers6, false);
    }

    public AnnounceResponse withIntervals(int newInterval, int newMinInterval) {
        return new AnnounceResponse(newInterval, newMinInterval, complete, incomplete, peers4, peers6,
                downloadCounted);
    }

    public PeerList peers(AddressFamily family) {
        return family == AddressFamily.IPV4 ? peers4 : peers6;
    }
}
