package org.bittern.store.memory;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.Peer;
import org.bittern.bittorrent.PeerId;
import org.bittern.bittorrent.PeerList;
import org.bittern.bittorrent.SubnetPreference;

/**
 * The peers of one swarm in one address family, as fixed-width records in one {@code byte[]}:
 * {@code peer_id(20) ‖ address(4|16) ‖ port(2, big-endian) ‖ last-seen(4)}.
 *
 * <p>The first part of a record is byte for byte a {@link PeerList} entry (and so ends in the BEP 23 /
 * BEP 7 compact form), so sampling is one array copy per peer and no object per peer ever exists.
 * Seeders occupy records {@code [0, seeders)} and leechers {@code [seeders, count)}: role changes are a swap
 * across the boundary, removal a swap with the last record, and "seeders first" sampling needs no filter.
 *
 * <p>Small tables are searched linearly; from {@link #SCAN_LIMIT} peers on a {@link PeerIndex} is kept.
 * Not thread-safe: the owning shard's lock guards it.
 */
final class PeerTable {
    /**
     * Up to this many peers a linear scan over the records is about as fast as hashing, and most swarms are
     * this small, so they pay nothing for an index.
     */
    static final int SCAN_LIMIT = 16;
    private static final int LAST_SEEN_LENGTH = Integer.BYTES;

    private final AddressFamily family;
    private byte[] records;
    private PeerIndex index;
    private int count;
    private int seeders;

    PeerTable(AddressFamily family) {
        this.family = family;
        this.records = new byte[recordLength(family)];
    }

    /** Key length: one {@link PeerList} entry. */
    static int keyLength(AddressFamily family) {
        return PeerId.LENGTH + family.compactEntryLength();
    }

    static int recordLength(AddressFamily family) {
        return keyLength(family) + LAST_SEEN_LENGTH;
    }

    /** The record of {@code peer} as last seen at {@code now}; its key part is also the lookup key. */
    static byte[] recordOf(Peer peer, int now) {
        AddressFamily family = peer.family();
        byte[] record = new byte[recordLength(family)];
        peer.id().copyTo(record, 0);
        peer.copyAddressTo(record, PeerId.LENGTH);
        int portAt = PeerId.LENGTH + family.addressLength();
        record[portAt] = (byte) (peer.port() >>> 8);
        record[portAt + 1] = (byte) peer.port();
        writeInt(record, portAt + 2, now);
        return record;
    }

    AddressFamily family() {
        return family;
    }

    int count() {
        return count;
    }

    int seeders() {
        return seeders;
    }

    int leechers() {
        return count - seeders;
    }

    boolean isSeeder(int r) {
        return r < seeders;
    }

    /** The record with the key of {@code key} (a record or key buffer), or -1. */
    int find(byte[] key) {
        if (index != null) {
            return index.find(records, key);
        }
        int keyLength = keyLength(family);
        int recordLength = keyLength + LAST_SEEN_LENGTH;
        for (int r = 0, at = 0; r < count; r++, at += recordLength) {
            if (Arrays.equals(records, at, at + keyLength, key, 0, keyLength)) {
                return r;
            }
        }
        return -1;
    }

    /** A copy of record {@code r}, last-seen included. */
    byte[] record(int r) {
        int recordLength = recordLength(family);
        return Arrays.copyOfRange(records, r * recordLength, (r + 1) * recordLength);
    }

    /** Adds a peer not yet in the table; returns its record number. */
    int insert(byte[] record, boolean seeder) {
        int recordLength = recordLength(family);
        ensureCapacity(count + 1, recordLength);
        System.arraycopy(record, 0, records, count * recordLength, recordLength);
        int r = count++;
        if (index != null && index.fits(count)) {
            index.add(records, r);
        } else if (count > SCAN_LIMIT) {
            index = PeerIndex.build(records, count, keyLength(family), recordLength);
        }
        return seeder ? setSeeder(r, true) : r;
    }

    /** Moves record {@code r} to the seeder or leecher region; returns its new record number. */
    int setSeeder(int r, boolean seeder) {
        if (seeder == isSeeder(r)) {
            return r;
        }
        if (seeder) {
            swap(r, seeders);
            return seeders++;
        }
        swap(r, seeders - 1);
        return --seeders;
    }

    void touch(int r, int now) {
        writeInt(records, r * recordLength(family) + keyLength(family), now);
    }

    void remove(int r) {
        if (r < seeders) {
            // Keep the seeder region contiguous: the last seeder takes r's place, r becomes the first leecher.
            swap(r, seeders - 1);
            r = --seeders;
        }
        int last = count - 1;
        if (index != null) {
            index.remove(records, r);
        }
        if (r != last) {
            int recordLength = recordLength(family);
            System.arraycopy(records, last * recordLength, records, r * recordLength, recordLength);
            if (index != null) {
                index.moved(records, last, r);
            }
        }
        count--;
    }

    /**
     * Removes every record last seen before {@code oldestKept}; returns how many went. Compacts in one pass
     * (order, and so the seeder/leecher split, is kept) and rebuilds the index once, instead of paying a
     * backward-shift delete per expired peer.
     */
    int expire(int oldestKept) {
        int keyLength = keyLength(family);
        int recordLength = keyLength + LAST_SEEN_LENGTH;
        int kept = 0;
        int keptSeeders = 0;
        for (int r = 0; r < count; r++) {
            int at = r * recordLength;
            if (readInt(records, at + keyLength) >= oldestKept) {
                if (kept != r) {
                    System.arraycopy(records, at, records, kept * recordLength, recordLength);
                }
                if (r < seeders) {
                    keptSeeders++;
                }
                kept++;
            }
        }
        int removed = count - kept;
        if (removed > 0) {
            count = kept;
            seeders = keptSeeders;
            int capacity = records.length / recordLength;
            if (capacity > 2 * count + 2) {
                records = Arrays.copyOf(records, Math.max(1, count + (count >> 1) + 1) * recordLength);
            }
            index = count > SCAN_LIMIT ? PeerIndex.build(records, count, keyLength, recordLength) : null;
        } else if (index != null && index.oversizedFor(count)) {
            index = PeerIndex.build(records, count, keyLength, recordLength);
        }
        return removed;
    }

    /**
     * Appends up to {@code want} peers for a requester of the given role to {@code out}, never record
     * {@code self} (-1 for none): a seeder gets leechers only, a leecher gets seeders first, then leechers.
     * Returns how many were appended.
     */
    int sampleInto(PeerList out, boolean requesterIsSeeder, int want, int self) {
        int added = requesterIsSeeder ? 0 : walk(out, 0, seeders, want, self);
        return added + walk(out, seeders, count, want - added, self);
    }

    /** Candidates this table can offer a requester of the given role, {@code self} excluded. */
    int candidates(boolean requesterIsSeeder, int self) {
        int from = requesterIsSeeder ? seeders : 0;
        return count - from - (self >= from && self < count ? 1 : 0);
    }

    /**
     * {@link #sampleInto} over the peers outside the {@code prefix}-bit subnet of the key {@code subnetOf} (whose
     * peers the caller took from their {@link SubnetGroups} group already). Walks past at most that subnet's
     * peers besides the ones it returns, since it is only asked for more once the subnet's group ran out.
     */
    int sampleOutside(PeerList out, boolean requesterIsSeeder, int want, byte[] subnetOf, int prefix) {
        int added = requesterIsSeeder ? 0 : walkOutside(out, 0, seeders, want, subnetOf, prefix);
        return added + walkOutside(out, seeders, count, want - added, subnetOf, prefix);
    }

    // A copy of walk rather than a flag in it: the plain announce path stays exactly as it was.
    private int walkOutside(PeerList out, int from, int to, int want, byte[] subnetOf, int prefix) {
        int n = to - from;
        if (n <= 0 || want <= 0) {
            return 0;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int stride = RandomWalk.stride(n, random);
        int recordLength = recordLength(family);
        int addressLength = family.addressLength();
        int added = 0;
        for (int step = 0, pos = random.nextInt(n); step < n && added < want; step++) {
            int at = (from + pos) * recordLength;
            // The announcer is in its own subnet, so this also skips it.
            if (!SubnetPreference.sameSubnet(records, at + PeerId.LENGTH, subnetOf, PeerId.LENGTH, addressLength, prefix)) {
                out.addEntry(records, at);
                added++;
            }
            pos += stride;
            if (pos >= n) {
                pos -= n;
            }
        }
        return added;
    }

    private int walk(PeerList out, int from, int to, int want, int self) {
        int n = to - from;
        if (n <= 0 || want <= 0) {
            return 0;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int stride = RandomWalk.stride(n, random);
        int recordLength = recordLength(family);
        int added = 0;
        for (int step = 0, pos = random.nextInt(n); step < n && added < want; step++) {
            int r = from + pos;
            if (r != self) {
                out.addEntry(records, r * recordLength);
                added++;
            }
            pos += stride;
            if (pos >= n) {
                pos -= n;
            }
        }
        return added;
    }

    private void swap(int a, int b) {
        if (a == b) {
            return;
        }
        int recordLength = recordLength(family);
        int atA = a * recordLength;
        int atB = b * recordLength;
        for (int i = 0; i < recordLength; i++) {
            byte t = records[atA + i];
            records[atA + i] = records[atB + i];
            records[atB + i] = t;
        }
        if (index != null) {
            index.swapped(records, a, b);
        }
    }

    private void ensureCapacity(int needed, int recordLength) {
        int capacity = records.length / recordLength;
        if (needed > capacity) {
            // Grow by half: at ~10 peers per swarm doubling would waste a third of the array on average.
            int grown = Math.max(needed, capacity + (capacity >> 1) + 1);
            records = Arrays.copyOf(records, Math.multiplyExact(grown, recordLength));
        }
    }

    private static void writeInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    private static int readInt(byte[] a, int at) {
        return (a[at] << 24) | ((a[at + 1] & 0xff) << 16) | ((a[at + 2] & 0xff) << 8) | (a[at + 3] & 0xff);
    }
}
