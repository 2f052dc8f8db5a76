package org.bittern.store.memory;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.PeerId;

/**
 * The peers of one swarm and family grouped by subnet (one prefix length), for the {@code subnet-preference}
 * middleware: the announcer's group is found by one hash lookup, so "own subnet first" never walks the swarm.
 *
 * <p>Each group is a {@link PeerTable} of its own holding copies of the records of the main table (with the same
 * seeder/leecher split and last-seen times), so sampling a group is the main table's sampling as it is. That
 * doubles a peer's record bytes while the preference is on; a swarm never announced to with the preference has
 * no groups at all and costs nothing. Not thread-safe: the owning shard's lock guards it.
 */
final class SubnetGroups {
    private final AddressFamily family;
    private final int prefix;
    private final Map<Key, PeerTable> groups = new HashMap<>();

    /** A masked address as two longs: IPv4 in {@code lo}, IPv6 split in halves. */
    private record Key(long hi, long lo) {
    }

    private SubnetGroups(AddressFamily family, int prefix) {
        this.family = family;
        this.prefix = prefix;
    }

    /** Groups of every record of {@code main} (a prefix length change, or the first preferring announce). */
    static SubnetGroups build(PeerTable main, int prefix) {
        SubnetGroups g = new SubnetGroups(main.family(), prefix);
        for (int r = 0; r < main.count(); r++) {
            byte[] record = main.record(r);
            g.groupFor(record).insert(record, main.isSeeder(r));
        }
        return g;
    }

    int prefix() {
        return prefix;
    }

    /** The group of the peer whose record (or key) is {@code record}, or null when its subnet has no peer. */
    PeerTable group(byte[] record) {
        return groups.get(key(record));
    }

    /** Records the announce of {@code record} (last-seen included), as the main table just did. */
    void record(byte[] record, boolean seeder, int now) {
        PeerTable group = groupFor(record);
        int r = group.find(record);
        if (r < 0) {
            group.insert(record, seeder);
        } else {
            group.touch(group.setSeeder(r, seeder), now);
        }
    }

    void remove(byte[] record) {
        Key key = key(record);
        PeerTable group = groups.get(key);
        if (group == null) {
            return;
        }
        int r = group.find(record);
        if (r >= 0) {
            group.remove(r);
            if (group.count() == 0) {
                groups.remove(key);
            }
        }
    }

    /** Expires as the main table does: both see the same last-seen times, so they lose the same peers. */
    void expire(int oldestKept) {
        for (Iterator<PeerTable> it = groups.values().iterator(); it.hasNext(); ) {
            PeerTable group = it.next();
            if (group.expire(oldestKept) > 0 && group.count() == 0) {
                it.remove();
            }
        }
    }

    private PeerTable groupFor(byte[] record) {
        return groups.computeIfAbsent(key(record), k -> new PeerTable(family));
    }

    private Key key(byte[] record) {
        int at = PeerId.LENGTH;
        if (family == AddressFamily.IPV4) {
            return new Key(0, readInt(record, at) & 0xffffffffL & mask(prefix, 32));
        }
        long hi = readLong(record, at) & mask(Math.min(prefix, 64), 64);
        long lo = readLong(record, at + 8) & mask(Math.max(prefix - 64, 0), 64);
        return new Key(hi, lo);
    }

    /** The top {@code bits} of a {@code width}-bit number set. */
    private static long mask(int bits, int width) {
        if (bits == 0) {
            return 0;
        }
        return (-1L << (64 - bits)) >>> (64 - width);
    }

    private static long readInt(byte[] a, int at) {
        return ((a[at] & 0xffL) << 24) | ((a[at + 1] & 0xffL) << 16) | ((a[at + 2] & 0xffL) << 8) | (a[at + 3] & 0xffL);
    }

    private static long readLong(byte[] a, int at) {
        return (readInt(a, at) << 32) | readInt(a, at + 4);
    }
}
