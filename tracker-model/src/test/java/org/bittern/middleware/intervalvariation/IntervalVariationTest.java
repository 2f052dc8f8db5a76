package org.bittern.middleware.intervalvariation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bittern.store.StoreFixtures.infoHash;
import static org.bittern.store.StoreFixtures.peerId;

import java.util.HashSet;
import java.util.Set;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.PeerList;
import org.junit.jupiter.api.Test;

class IntervalVariationTest {

    private static final AnnounceResponse ANSWER =
            new AnnounceResponse(1800, 900, 3, 4, PeerList.empty(AddressFamily.IPV4), PeerList.empty(AddressFamily.IPV6));

    private static IntervalVariation variation(double probability, int maxDelta, boolean modifyMin) {
        return IntervalVariation.of(new IntervalVariationConfig(probability, maxDelta, modifyMin));
    }

    @Test
    void onePeerAlwaysGetsTheSameAnswerEvenFromAnotherInstance() {
        IntervalVariation a = variation(0.5, 60, false);
        IntervalVariation b = variation(0.5, 60, false);
        for (int n = 0; n < 200; n++) {
            assertThat(b.increase(infoHash(7), peerId(n))).isEqualTo(a.increase(infoHash(7), peerId(n)));
        }
    }

    @Test
    void theShareOfRaisedAnswersIsTheProbability() {
        IntervalVariation variation = variation(0.2, 60, false);
        int peers = 20_000;
        int raised = 0;
        for (int n = 0; n < peers; n++) {
            if (variation.increase(infoHash(n % 100), peerId(n)) > 0) {
                raised++;
            }
        }
        // Deterministic inputs, so a fixed count; the bound is what a fair coin gives (about 4.5 sigma).
        assertThat(raised / (double) peers).isBetween(0.19, 0.21);
    }

    @Test
    void increasesSpreadOverOneToMaxSeconds() {
        IntervalVariation variation = variation(1, 10, false);
        Set<Integer> seen = new HashSet<>();
        for (int n = 0; n < 2_000; n++) {
            int increase = variation.increase(infoHash(1), peerId(n));
            assertThat(increase).isBetween(1, 10);
            seen.add(increase);
        }
        assertThat(seen).hasSize(10);
    }

    @Test
    void theSamePeerMayGetAnotherAnswerOnAnotherTorrent() {
        IntervalVariation variation = variation(1, 1_000, false);
        Set<Integer> increases = new HashSet<>();
        for (int torrent = 0; torrent < 20; torrent++) {
            increases.add(variation.increase(infoHash(torrent), peerId(1)));
        }
        assertThat(increases).hasSizeGreaterThan(10);
    }

    @Test
    void raisesMinIntervalOnlyWhenConfigured() {
        InfoHash torrent = infoHash(3);
        PeerId peer = peerId(3);
        int increase = variation(1, 60, false).increase(torrent, peer);

        assertThat(variation(1, 60, false).apply(torrent, peer, ANSWER))
                .isEqualTo(ANSWER.withIntervals(1800 + increase, 900));
        assertThat(variation(1, 60, true).apply(torrent, peer, ANSWER))
                .isEqualTo(ANSWER.withIntervals(1800 + increase, 900 + increase));
    }

    @Test
    void anUnraisedAnswerIsReturnedAsItIs() {
        IntervalVariation variation = variation(0.01, 60, true);
        int n = 0;
        while (variation.increase(infoHash(1), peerId(n)) > 0) {
            n++;
        }
        assertThat(variation.apply(infoHash(1), peerId(n), ANSWER)).isSameAs(ANSWER);
        assertThat(IntervalVariation.OFF.apply(infoHash(1), peerId(n), ANSWER)).isSameAs(ANSWER);
        assertThat(IntervalVariation.OFF.enabled()).isFalse();
    }

    @Test
    void intervalsSaturateInsteadOfOverflowing() {
        AnnounceResponse huge = ANSWER.withIntervals(Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 1);
        AnnounceResponse raised = variation(1, Integer.MAX_VALUE, true).apply(infoHash(1), peerId(1), huge);

        assertThat(raised.interval()).isEqualTo(Integer.MAX_VALUE);
        assertThat(raised.minInterval()).isEqualTo(Integer.MAX_VALUE);
    }
}
