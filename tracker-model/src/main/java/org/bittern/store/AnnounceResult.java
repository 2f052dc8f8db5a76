package org.bittern.store;

import org.bittern.bittorrent.PeerList;

/** What one announce did to a swarm: its counts after the announce, and the sampled peers. */
public record AnnounceResult(long complete, long incomplete, PeerList peers4, PeerList peers6) {
}
