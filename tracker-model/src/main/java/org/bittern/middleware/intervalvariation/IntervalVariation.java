package org.bittern.middleware.intervalvariation;

import java.util.Objects;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerId;

/**
 * The interval-variation decision, container-free (issue 5, Chihaya's varinterval): raises a share of announce
 * answers' {@code interval} by 1 to {@code max-increase-delta} seconds, so peers that started together drift apart
 * instead of announcing in waves.
 *
 * <p>Whether and by how much is a function of the torrent's info_hash and the peer's peer_id only, not a random
 * draw per request: one peer always gets the same answer, from every node, over HTTP and UDP, and across restarts,
 * so a client cannot shorten its interval by asking again.
 */
public final class IntervalVariation {

    /** Not configured: answers pass unchanged. */
    public static final IntervalVariation OFF = new IntervalVariation(null);

    /** 2^-53: turns the top 53 bits of a long into a double in [0, 1). */
    private static final double UNIT = 0x1.0p-53;

    private final IntervalVariationConfig config;

    private IntervalVariation(IntervalVariationConfig config) {
        this.config = config;
    }

    public static IntervalVariation of(IntervalVariationConfig config) {
        return new IntervalVariation(Objects.requireNonNull(config, "config"));
    }

    public boolean enabled() {
        return config != null;
    }

    /** Seconds added to this peer's interval on this torrent: 0, or 1 to {@code max-increase-delta}. */
    public int increase(InfoHash infoHash, PeerId peerId) {
        if (config == null) {
            return 0;
        }
        long seed = seed(infoHash, peerId);
        // Two independent draws from one seed: whether to vary, then by how much.
        long first = mix(seed);
        long second = mix(seed + 0x9E3779B97F4A7C15L);
        if ((first >>> 11) * UNIT >= config.modifyResponseProbability()) {
            return 0;
        }
        // The top 32 bits times the bound, shifted back down: uniform over [0, max) without a division.
        return 1 + (int) (((second >>> 32) * config.maxIncreaseDeltaSeconds()) >>> 32);
    }

    /** The answer with its intervals raised for this peer, or the answer itself when this peer's increase is 0. */
    public AnnounceResponse apply(InfoHash infoHash, PeerId peerId, AnnounceResponse response) {
        int increase = increase(infoHash, peerId);
        if (increase == 0) {
            return response;
        }
        return response.withIntervals(saturatedAdd(response.interval(), increase),
                config.modifyMinInterval() ? saturatedAdd(response.minInterval(), increase) : response.minInterval());
    }

    private static int saturatedAdd(int a, int b) {
        long sum = (long) a + b;
        return (int) Math.min(sum, Integer.MAX_VALUE);
    }

    /** FNV-1a over the 40 bytes: every bit of both ids reaches the seed. */
    private static long seed(InfoHash infoHash, PeerId peerId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < InfoHash.LENGTH; i++) {
            h = (h ^ (infoHash.byteAt(i) & 0xff)) * 0x100000001b3L;
        }
        for (int i = 0; i < PeerId.LENGTH; i++) {
            h = (h ^ (peerId.byteAt(i) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: FNV's low-order structure would otherwise show in the draws. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return config == null ? "interval-variation off"
                : "interval-variation: probability " + config.modifyResponseProbability() + ", up to "
                        + config.maxIncreaseDeltaSeconds() + " s more" + (config.modifyMinInterval()
                                ? " on interval and min interval" : " on interval");
    }
}
