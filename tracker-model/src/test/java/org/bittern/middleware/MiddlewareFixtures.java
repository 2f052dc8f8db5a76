package org.bittern.middleware;

import java.nio.charset.StandardCharsets;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerId;
import org.bittern.middleware.intervalvariation.IntervalVariation;

/** Peer_ids for middleware tests over any frontend. */
public final class MiddlewareFixtures {
    private MiddlewareFixtures() {
    }

    /** A peer_id starting with {@code text} (ASCII, at most 20 characters), padded with {@code 0}. */
    public static PeerId peerId(String text) {
        return PeerId.of((text + "0".repeat(PeerId.LENGTH - text.length())).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The first peer_id {@code prefix + n} whose interval on {@code torrent} {@code variation} raises (or, with
     * {@code raised} false, leaves alone), so a test can expect both kinds of answer without guessing.
     */
    public static PeerId firstPeer(IntervalVariation variation, String prefix, InfoHash torrent, boolean raised) {
        for (int n = 0; n < 10_000; n++) {
            PeerId candidate = peerId(prefix + n);
            if ((variation.increase(torrent, candidate) > 0) == raised) {
                return candidate;
            }
        }
        throw new AssertionError("no peer " + prefix + "<n> with raised=" + raised + " under " + variation);
    }
}
