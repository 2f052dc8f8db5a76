package org.bittern.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bittern.bittorrent.InfoHash;

/** {@link InfoHashSet} against a {@code TreeSet<InfoHash>} on arbitrary hashes and changes. */
class InfoHashSetProperties {

    @Property(tries = 300)
    void holdsExactlyWhatWasAddedInSortedOrder(@ForAll("hashLists") List<InfoHash> added,
            @ForAll("hashLists") List<InfoHash> probes) {
        InfoHashSet set = InfoHashSet.of(added);
        TreeSet<InfoHash> expected = new TreeSet<>(added);

        assertThat(set.size()).isEqualTo(expected.size());
        assertThat(set.toList()).containsExactlyElementsOf(expected);
        for (InfoHash h : added) {
            assertThat(set.contains(h)).isTrue();
        }
        for (InfoHash h : probes) {
            assertThat(set.contains(h)).isEqualTo(expected.contains(h));
        }
    }

    @Property(tries = 300)
    void applyingChangesMatchesTheReference(@ForAll("hashLists") List<InfoHash> initial,
            @ForAll("changeLists") List<Map.Entry<InfoHash, Boolean>> changes) {
        TreeSet<InfoHash> expected = new TreeSet<>(initial);
        Map<InfoHash, Boolean> latest = new LinkedHashMap<>();
        for (Map.Entry<InfoHash, Boolean> c : changes) {
            latest.put(c.getKey(), c.getValue());
            if (c.getValue()) {
                expected.add(c.getKey());
            } else {
                expected.remove(c.getKey());
            }
        }
        InfoHashSet before = InfoHashSet.of(initial);

        InfoHashSet after = before.apply(latest);

        assertThat(after.toList()).containsExactlyElementsOf(expected);
        for (Map.Entry<InfoHash, Boolean> c : changes) {
            assertThat(after.contains(c.getKey())).isEqualTo(expected.contains(c.getKey()));
        }
        assertThat(before.toList()).containsExactlyElementsOf(new TreeSet<>(initial)); // immutable
    }

    @Property(tries = 200)
    void builtFromBytesInAnyOrderEqualsBuiltFromHashes(@ForAll("hashLists") List<InfoHash> hashes) {
        InfoHashSet.Builder b = InfoHashSet.builder(0);
        byte[] buffer = new byte[InfoHash.LENGTH + 3];
        for (InfoHash h : hashes) {
            h.copyTo(buffer, 3);
            b.add(buffer, 3);
        }
        assertThat(b.build().toList()).isEqualTo(InfoHashSet.of(hashes).toList());
    }

    @Provide
    Arbitrary<List<InfoHash>> hashLists() {
        return hashes().list().ofMaxSize(300);
    }

    @Provide
    Arbitrary<List<Map.Entry<InfoHash, Boolean>>> changeLists() {
        return Combinators.combine(hashes(), Arbitraries.of(true, false)).as(Map::entry).list().ofMaxSize(100);
    }

    /**
     * Mostly hashes drawn from a small pool with shared prefixes and edge bytes (0x00, 0x7f, 0x80, 0xff), so that
     * repeats, equal first words and sign-bit orderings are common; sometimes fully random ones.
     */
    private static Arbitrary<InfoHash> hashes() {
        Arbitrary<Byte> edgy = Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff);
        Arbitrary<InfoHash> crafted = edgy.array(byte[].class).ofSize(4).map(bytes -> {
            byte[] h = new byte[InfoHash.LENGTH];
            h[0] = bytes[0];
            h[7] = bytes[1];
            h[8] = bytes[2];
            h[19] = bytes[3];
            return InfoHash.of(h);
        });
        Arbitrary<InfoHash> random = Arbitraries.bytes().array(byte[].class).ofSize(InfoHash.LENGTH).map(InfoHash::of);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, crafted), net.jqwik.api.Tuple.of(1, random));
    }
}
