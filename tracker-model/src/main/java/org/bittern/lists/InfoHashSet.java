package org.bittern.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bittern.bittorrent.InfoHash;

/**
 * An immutable set of 20-byte info_hashes: about 36 bytes per entry (a million entries in ~36 MB), and a lookup
 * that usually reads one cache line.
 *
 * <p>Why not a {@code HashSet<InfoHash>}: that costs ~120 bytes per entry (node, object, array), so a million-entry
 * list would take 120 MB per process, and a lookup follows three pointers. Here the hashes sit in one {@code long[]},
 * three longs per slot (bytes 0-7, 8-15, and 16-19 with an "occupied" bit), in a table of about 1.5 slots per entry.
 * An entry's home slot is its first eight bytes scaled to the table size, an order-preserving map, and entries are
 * placed in ascending order at their home slot or just after the previous entry. info_hashes are SHA-1 values, so
 * homes spread evenly and an entry sits at or a slot or two after its home: a lookup jumps to the home slot and
 * scans forward until it finds the hash, an empty slot, or a greater hash. (A crafted list of hashes sharing their
 * leading bytes only makes those runs longer; every scan still stops at the first greater hash.)
 *
 * <p>Changes never modify a set: {@link #apply} builds a new one, which the holder swaps in atomically.
 */
public final class InfoHashSet {

    private static final int STRIDE = 3;
    /** Set in the third word of every used slot (bytes 16-19 take only its low 32 bits): zero means empty. */
    private static final long OCCUPIED = 1L << 32;
    private static final InfoHashSet EMPTY = new InfoHashSet(new long[STRIDE], 0, 1);

    /** Slot i at [3i, 3i + 2]; used slots ascend (unsigned, bytes 0 to 19) with the index. */
    private final long[] table;
    private final int size;
    /** Number of home slots; the table may run a few slots past them. */
    private final long homes;

    private InfoHashSet(long[] table, int size, long homes) {
        this.table = table;
        this.size = size;
        this.homes = homes;
    }

    public static InfoHashSet empty() {
        return EMPTY;
    }

    public static InfoHashSet of(Iterable<InfoHash> hashes) {
        Builder b = builder(16);
        hashes.forEach(b::add);
        return b.build();
    }

    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean contains(InfoHash hash) {
        long k0 = word(hash, 0);
        long[] t = table;
        for (int at = STRIDE * home(k0, homes); at < t.length; at += STRIDE) {
            long w2 = t[at + 2];
            if (w2 == 0) {
                return false; // empty slot: the run that could hold the hash has ended
            }
            long w0 = t[at];
            if (w0 == k0) {
                int c = Long.compareUnsigned(t[at + 1], word(hash, 8));
                if (c == 0) {
                    c = Long.compare(w2, tail(hash) | OCCUPIED);
                }
                if (c == 0) {
                    return true;
                }
                if (c > 0) {
                    return false;
                }
            } else if (Long.compareUnsigned(w0, k0) > 0) {
                return false;
            }
        }
        return false;
    }

    /** {@link #contains(InfoHash)} for the 20 bytes at {@code offset} of {@code bytes}. */
    public boolean contains(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < InfoHash.LENGTH) {
            throw new IllegalArgumentException("info_hash needs " + InfoHash.LENGTH + " bytes");
        }
        long k0 = word(bytes, offset);
        long[] t = table;
        for (int at = STRIDE * home(k0, homes); at < t.length; at += STRIDE) {
            long w2 = t[at + 2];
            if (w2 == 0) {
                return false;
            }
            long w0 = t[at];
            if (w0 == k0) {
                int c = Long.compareUnsigned(t[at + 1], word(bytes, offset + 8));
                if (c == 0) {
                    c = Long.compare(w2, tail(bytes, offset + 16) | OCCUPIED);
                }
                if (c == 0) {
                    return true;
                }
                if (c > 0) {
                    return false;
                }
            } else if (Long.compareUnsigned(w0, k0) > 0) {
                return false;
            }
        }
        return false;
    }

    /** The home slot: {@code k0 / 2^64 * homes}, monotone in k0 (so placement in order keeps the table sorted). */
    private static int home(long k0, long homes) {
        return (int) (((k0 >>> 32) * homes) >>> 32);
    }

    /**
     * A new set: this one with every {@code true} key added and every {@code false} key removed.
     * Costs one pass over this set plus sorting the changes.
     */
    public InfoHashSet apply(Map<InfoHash, Boolean> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        List<Map.Entry<InfoHash, Boolean>> sorted = new ArrayList<>(changes.entrySet());
        sorted.sort(Map.Entry.comparingByKey());
        Placer out = new Placer(size + sorted.size());
        long[] change = new long[STRIDE];
        int at = nextUsed(0);
        for (Map.Entry<InfoHash, Boolean> e : sorted) {
            load(e.getKey(), change, 0);
            change[2] |= OCCUPIED;
            while (at < table.length && compare(table, at, change, 0) < 0) {
                out.place(table, at);
                at = nextUsed(at + STRIDE);
            }
            if (at < table.length && compare(table, at, change, 0) == 0) {
                at = nextUsed(at + STRIDE); // replaced by the change: placed below if added, dropped if removed
            }
            if (e.getValue()) {
                out.place(change, 0);
            }
        }
        for (; at < table.length; at = nextUsed(at + STRIDE)) {
            out.place(table, at);
        }
        return out.finish();
    }

    /** The first used slot at or after array index {@code at}, or {@code table.length}. */
    private int nextUsed(int at) {
        while (at < table.length && table[at + 2] == 0) {
            at += STRIDE;
        }
        return at;
    }

    /** The members in ascending (unsigned) order; for tests and diagnostics, it allocates. */
    public List<InfoHash> toList() {
        List<InfoHash> out = new ArrayList<>(size);
        byte[] b = new byte[InfoHash.LENGTH];
        for (int at = nextUsed(0); at < table.length; at = nextUsed(at + STRIDE)) {
            store(table, at, b);
            out.add(InfoHash.of(b));
        }
        return out;
    }

    /** Heap bytes held by this set (arrays and headers, compressed oops assumed). */
    public long heapBytes() {
        return 24 + 16 + 8L * table.length;
    }

    @Override
    public String toString() {
        return "InfoHashSet[" + size + " entries]";
    }

    // ---- encoding ---------------------------------------------------------------------------------------------

    private static long word(InfoHash h, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (h.byteAt(i) & 0xff);
        }
        return v;
    }

    private static long tail(InfoHash h) {
        return ((h.byteAt(16) & 0xffL) << 24) | ((h.byteAt(17) & 0xff) << 16) | ((h.byteAt(18) & 0xff) << 8)
                | (h.byteAt(19) & 0xff);
    }

    private static long word(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private static long tail(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private static void load(InfoHash h, long[] dst, int at) {
        dst[at] = word(h, 0);
        dst[at + 1] = word(h, 8);
        dst[at + 2] = tail(h);
    }

    private static void store(long[] src, int at, byte[] b) {
        for (int w = 0; w < 2; w++) {
            long v = src[at + w];
            for (int i = 7; i >= 0; i--) {
                b[8 * w + i] = (byte) v;
                v >>>= 8;
            }
        }
        long t = src[at + 2] & 0xffff_ffffL;
        for (int i = 19; i >= 16; i--) {
            b[i] = (byte) t;
            t >>>= 8;
        }
    }

    /** Unsigned, word by word: the order of the bytes, as {@link InfoHash#compareTo} and PostgreSQL's bytea. */
    private static int compare(long[] a, int i, long[] b, int j) {
        int c = Long.compareUnsigned(a[i], b[j]);
        if (c == 0) {
            c = Long.compareUnsigned(a[i + 1], b[j + 1]);
            if (c == 0) {
                c = Long.compare(a[i + 2], b[j + 2]);
            }
        }
        return c;
    }

    /** Collects hashes in any order, with repeats; {@link #build} sorts (unless already sorted) and de-duplicates. */
    public static final class Builder {
        private long[] data;
        private int size;
        private boolean sorted = true;

        private Builder(int expectedSize) {
            data = new long[STRIDE * Math.max(4, expectedSize)];
        }

        public Builder add(InfoHash hash) {
            grow();
            load(hash, data, STRIDE * size);
            return added();
        }

        /** Adds the 20 bytes at {@code offset} of {@code bytes}. */
        public Builder add(byte[] bytes, int offset) {
            if (offset < 0 || bytes.length - offset < InfoHash.LENGTH) {
                throw new IllegalArgumentException("info_hash needs " + InfoHash.LENGTH + " bytes");
            }
            grow();
            int at = STRIDE * size;
            data[at] = word(bytes, offset);
            data[at + 1] = word(bytes, offset + 8);
            data[at + 2] = tail(bytes, offset + 16);
            return added();
        }

        public int size() {
            return size;
        }

        private Builder added() {
            if (sorted && size > 0 && compare(data, STRIDE * (size - 1), data, STRIDE * size) >= 0) {
                sorted = false;
            }
            size++;
            return this;
        }

        private void grow() {
            if (STRIDE * (size + 1) > data.length) {
                data = Arrays.copyOf(data, STRIDE * Math.max(size + 1, size + (size >> 1)));
            }
        }

        /** The set; the builder must not be used afterwards. */
        public InfoHashSet build() {
            if (size == 0) {
                return EMPTY;
            }
            if (!sorted) {
                quicksort(data, 0, size - 1);
                int n = 1;
                for (int i = 1; i < size; i++) {
                    if (compare(data, STRIDE * (n - 1), data, STRIDE * i) != 0) {
                        System.arraycopy(data, STRIDE * i, data, STRIDE * n++, STRIDE);
                    }
                }
                size = n;
            }
            Placer out = new Placer(size);
            for (int i = 0; i < size; i++) {
                data[STRIDE * i + 2] |= OCCUPIED;
                out.place(data, STRIDE * i);
            }
            data = null;
            return out.finish();
        }
    }

    /** Lays out entries given in ascending order, without repeats, each at its home slot or after the last one. */
    private static final class Placer {
        private final long homes;
        private long[] table;
        private int next;
        private int size;

        /** @param maxEntries at most this many will be placed (sizes the table) */
        Placer(int maxEntries) {
            homes = Math.max(1, maxEntries + (maxEntries >> 1));
            // A few slots past the last home: the last entries may be pushed beyond it.
            table = new long[STRIDE * (int) Math.min(Integer.MAX_VALUE / STRIDE, homes + 16)];
        }

        /** Places the entry at {@code src[at..at+2]} (third word with {@link #OCCUPIED} set). */
        void place(long[] src, int at) {
            int slot = Math.max(home(src[at], homes), next);
            if (STRIDE * (slot + 1) > table.length) {
                table = Arrays.copyOf(table, STRIDE * (slot + 1 + 16));
            }
            System.arraycopy(src, at, table, STRIDE * slot, STRIDE);
            next = slot + 1;
            size++;
        }

        InfoHashSet finish() {
            return size == 0 ? EMPTY : new InfoHashSet(table, size, homes);
        }
    }

    // ---- sorting of 3-long records -----------------------------------------------------------------------------

    /**
     * Random pivots, because the list is operator input and no fixed input may force the quadratic case; a
     * three-way partition, because repeats are allowed in a builder.
     */
    private static void quicksort(long[] a, int lo, int hi) {
        long[] pivot = new long[STRIDE];
        while (hi - lo > 16) {
            System.arraycopy(a, STRIDE * (lo + ThreadLocalRandom.current().nextInt(hi - lo + 1)), pivot, 0, STRIDE);
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i <= gt) {
                int c = compare(a, STRIDE * i, pivot, 0);
                if (c < 0) {
                    swap(a, lt++, i++);
                } else if (c > 0) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            // Recurse into the smaller side, loop on the larger: the stack stays O(log n).
            if (lt - lo < hi - gt) {
                quicksort(a, lo, lt - 1);
                lo = gt + 1;
            } else {
                quicksort(a, gt + 1, hi);
                hi = lt - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && compare(a, STRIDE * (j - 1), a, STRIDE * j) > 0; j--) {
                swap(a, j, j - 1);
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        if (i != j) {
            for (int k = 0; k < STRIDE; k++) {
                long t = a[STRIDE * i + k];
                a[STRIDE * i + k] = a[STRIDE * j + k];
                a[STRIDE * j + k] = t;
            }
        }
    }
}
