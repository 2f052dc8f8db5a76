package org.bittern.middleware.intervalvariation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.PeerList;

/** Info_hashes and peer_ids are arbitrary bytes from the network. */
class IntervalVariationProperties {

    @Property(tries = 2000)
    void theAnswerIsUnchangedOrRaisedByOneToMaxTheSameEveryTime(
            @ForAll @Size(20) byte[] infoHash, @ForAll @Size(20) byte[] peerId,
            @ForAll @DoubleRange(min = 0.001, max = 1) @Scale(4) double probability,
            @ForAll @IntRange(min = 1, max = 100_000) int maxDelta, @ForAll boolean modifyMin,
            @ForAll @IntRange(min = 1, max = 1_000_000) int interval, @ForAll @IntRange(min = 1) int minDivisor) {
        IntervalVariation variation = IntervalVariation.of(new IntervalVariationConfig(probability, maxDelta, modifyMin));
        InfoHash torrent = InfoHash.of(infoHash);
        PeerId peer = PeerId.of(peerId);
        int minInterval = Math.max(1, interval / minDivisor);
        AnnounceResponse answer = new AnnounceResponse(interval, minInterval, 0, 0, PeerList.empty(AddressFamily.IPV4),
                PeerList.empty(AddressFamily.IPV6));

        AnnounceResponse varied = variation.apply(torrent, peer, answer);

        int increase = varied.interval() - interval;
        assertThat(increase).isBetween(0, maxDelta);
        assertThat(varied.minInterval()).isEqualTo(modifyMin ? minInterval + increase : minInterval);
        assertThat(varied.minInterval()).as("min interval stays within interval").isLessThanOrEqualTo(varied.interval());
        assertThat(varied.complete()).isZero();
        assertThat(variation.apply(InfoHash.of(infoHash), PeerId.of(peerId), answer)).isEqualTo(varied);
        if (probability == 1) {
            assertThat(increase).isPositive();
        }
    }
}
