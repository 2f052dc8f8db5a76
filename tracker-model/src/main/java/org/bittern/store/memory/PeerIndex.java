package org.bittern.store.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Open-addressing (linear probing) index from a peer key to its record number in a {@link PeerTable}.
 *
 * <p>Slots hold {@code record + 1} ({@code 0} is empty), so the index costs one {@code int} per slot and
 * no object per peer. The keys themselves stay in the table's record array: the index hashes and compares
 * them in place, which is why every method takes that array. Deletion shifts the probe chain back instead
 * of leaving tombstones, so lookups never slow down as peers come and go.
 */
final class PeerIndex {
    /** Grow when more than 2/3 of the slots are used: short probe chains for little memory. */
    private static final int MAX_LOAD_NUMERATOR = 2;
    private static final int MAX_LOAD_DENOMINATOR = 3;
    private static final int MIN_CAPACITY = 32;

    /**
     * Peer ids, addresses and ports are chosen by clients: a per-process secret seed keeps anyone from
     * crafting keys that all land in one probe chain of a big swarm.
     */
    private static final long SEED = new SecureRandom().nextLong();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int keyLength;
    private final int recordLength;
    private final int[] slots;
    private final int mask;

    private PeerIndex(int keyLength, int recordLength, int capacity) {
        this.keyLength = keyLength;
        this.recordLength = recordLength;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
    }

    /** An index over the first {@code count} records, sized for {@code count} (a power of two, load ≤ 2/3). */
    static PeerIndex build(byte[] records, int count, int keyLength, int recordLength) {
        int capacity = MIN_CAPACITY;
        while (!fits(count, capacity)) {
            capacity <<= 1;
        }
        PeerIndex index = new PeerIndex(keyLength, recordLength, capacity);
        for (int r = 0; r < count; r++) {
            index.add(records, r);
        }
        return index;
    }

    /** Whether {@code count} records still fit under the load limit. */
    boolean fits(int count) {
        return fits(count, slots.length);
    }

    /** Whether a rebuild for {@code count} records would use at most a quarter of the slots. */
    boolean oversizedFor(int count) {
        return slots.length > MIN_CAPACITY && (long) count * 4 * MAX_LOAD_DENOMINATOR < (long) slots.length * MAX_LOAD_NUMERATOR;
    }

    private static boolean fits(int count, int capacity) {
        return (long) count * MAX_LOAD_DENOMINATOR <= (long) capacity * MAX_LOAD_NUMERATOR;
    }

    /** The record whose key equals {@code key[0, keyLength)}, or -1. */
    int find(byte[] records, byte[] key) {
        for (int s = hash(key, 0, keyLength) & mask; ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) {
                return -1;
            }
            int at = (v - 1) * recordLength;
            if (Arrays.equals(records, at, at + keyLength, key, 0, keyLength)) {
                return v - 1;
            }
        }
    }

    /** Indexes record {@code r}, whose key is not in the index yet. */
    void add(byte[] records, int r) {
        int s = hash(records, r * recordLength, keyLength) & mask;
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = r + 1;
    }

    /** Un-indexes record {@code r}; its bytes must still be in place. */
    void remove(byte[] records, int r) {
        int hole = slotHolding(records, r, r);
        slots[hole] = 0;
        // Backward-shift deletion: pull later entries of the chain into the hole unless that would move
        // them before their home slot.
        for (int s = (hole + 1) & mask; slots[s] != 0; s = (s + 1) & mask) {
            int home = hash(records, (slots[s] - 1) * recordLength, keyLength) & mask;
            if (((s - home) & mask) >= ((s - hole) & mask)) {
                slots[hole] = slots[s];
                slots[s] = 0;
                hole = s;
            }
        }
    }

    /** Record {@code from} was copied to {@code to} (the bytes are at {@code to}); repoint its slot. */
    void moved(byte[] records, int from, int to) {
        slots[slotHolding(records, to, from)] = to + 1;
    }

    /** Records {@code a} and {@code b} have just swapped bytes; swap their slots. */
    void swapped(byte[] records, int a, int b) {
        // Both slots are found before either is written: otherwise two slots would briefly hold the same
        // record number and the second search could stop at the wrong one.
        int slotOfKeyNowAtA = slotHolding(records, a, b);
        int slotOfKeyNowAtB = slotHolding(records, b, a);
        slots[slotOfKeyNowAtA] = a + 1;
        slots[slotOfKeyNowAtB] = b + 1;
    }

    /** The slot whose value is {@code value + 1}, searched from the home slot of the key stored at record {@code keyAt}. */
    private int slotHolding(byte[] records, int keyAt, int value) {
        int s = hash(records, keyAt * recordLength, keyLength) & mask;
        while (slots[s] != value + 1) {
            s = (s + 1) & mask;
        }
        return s;
    }

    static int hash(byte[] a, int offset, int length) {
        long h = SEED;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = mix(h ^ (long) LONGS.get(a, offset + i));
        }
        long tail = length;
        for (; i < length; i++) {
            tail = (tail << 8) | (a[offset + i] & 0xff);
        }
        h = mix(h ^ tail);
        return (int) (h ^ (h >>> 32));
    }

    /** A 64-bit finalizer (splitmix64 constants): every input bit affects every output bit. */
    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
