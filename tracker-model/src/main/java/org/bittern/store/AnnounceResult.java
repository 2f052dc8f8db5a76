package org.bittern.store;

import org.bittern.bittorrent.PeerList;

/**
 * What one announce did to a swarm: its counts after the announce, and the sampled peers.
 *
 * @param downloadCounted whether this announce added one to the swarm's {@code downloaded} (a {@code completed}
 *                        from a peer not yet stored as a seeder; see {@link PeerStore})
 */
public record AnnounceResult(long complete, long incomplete, PeerList peers4, PeerList peers6,
        boolean downloadCounted) {

    /** A result that counted no download. */
    public AnnounceResult(long complete, long incomplete, PeerList peers4, PeerList peers6) {
        this(complete, incomplete, peers4, peers6, false);
    }
}
