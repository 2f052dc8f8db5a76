package org.bittern.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bittern.bittorrent.InfoHash;
import org.junit.jupiter.api.Test;

class InfoHashSetTest {

    @Test
    void theEmptySetContainsNothing() {
        assertThat(InfoHashSet.empty().contains(hash(new SplittableRandom(1)))).isFalse();
        assertThat(InfoHashSet.builder(10).build().size()).isZero();
    }

    @Test
    void aLargeRandomSetFindsEveryMemberAndNoStranger() {
        SplittableRandom random = new SplittableRandom(42);
        InfoHashSet.Builder b = InfoHashSet.builder(0);
        InfoHash[] members = new InfoHash[200_000];
        for (int i = 0; i < members.length; i++) {
            members[i] = hash(random);
            b.add(members[i]);
        }
        InfoHashSet set = b.build();

        assertThat(set.size()).isEqualTo(members.length);
        byte[] buffer = new byte[InfoHash.LENGTH + 1];
        for (InfoHash h : members) {
            assertThat(set.contains(h)).isTrue();
            h.copyTo(buffer, 1);
            assertThat(set.contains(buffer, 1)).isTrue();
        }
        for (int i = 0; i < 200_000; i++) {
            assertThat(set.contains(hash(random))).isFalse();
        }
    }

    @Test
    void staysNearThirtySixBytesPerEntry() {
        SplittableRandom random = new SplittableRandom(7);
        InfoHashSet.Builder b = InfoHashSet.builder(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            b.add(hash(random));
        }
        InfoHashSet set = b.build();

        // 24 bytes per slot, 1.5 slots per entry (issue 4: at most 64 MB per million).
        assertThat(set.heapBytes()).isLessThan(37L * 1_000_000);
    }

    @Test
    void thousandsOfRepeatsOfOneHashSortWithoutQuadraticTime() {
        InfoHash same = hash(new SplittableRandom(3));
        InfoHashSet.Builder b = InfoHashSet.builder(0);
        for (int i = 0; i < 100_000; i++) {
            b.add(same);
            b.add(hash(new SplittableRandom(i)));
        }
        InfoHashSet set = b.build();
        assertThat(set.contains(same)).isTrue();
    }

    @Test
    void applyingNoChangeKeepsTheSameSet() {
        InfoHashSet set = InfoHashSet.of(List.of(hash(new SplittableRandom(5))));
        assertThat(set.apply(Map.of())).isSameAs(set);
    }

    static InfoHash hash(SplittableRandom random) {
        byte[] b = new byte[InfoHash.LENGTH];
        random.nextBytes(b);
        return InfoHash.of(b);
    }
}
