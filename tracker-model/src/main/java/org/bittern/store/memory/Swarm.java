package org.bittern.store.memory;

import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.Event;
import org.bittern.bittorrent.PeerList;
import org.bittern.store.AnnounceResult;

/**
 * One torrent: its peers per address family (a table exists only while it has peers), its completed
 * download count and when it was last announced to. Not thread-safe: the owning shard's lock guards it.
 */
final class Swarm {
    private PeerTable ipv4;
    private PeerTable ipv6;
    /** Per-subnet groups of each table, only once an announce asked for the subnet preference. */
    private SubnetGroups groups4;
    private SubnetGroups groups6;
    private long downloaded;
    private int lastAnnounce;

    long seeders() {
        return (ipv4 == null ? 0 : ipv4.seeders()) + (ipv6 == null ? 0 : ipv6.seeders());
    }

    long leechers() {
        return (ipv4 == null ? 0 : ipv4.leechers()) + (ipv6 == null ? 0 : ipv6.leechers());
    }

    boolean hasPeers() {
        return ipv4 != null || ipv6 != null;
    }

    long downloaded() {
        return downloaded;
    }

    int lastAnnounce() {
        return lastAnnounce;
    }

    /**
     * Records the announcing peer (whose {@code record} was built by {@link PeerTable#recordOf}) and samples
     * up to {@code want} others, in one step under the shard lock.
     */
    AnnounceResult announce(AnnounceRequest request, byte[] record, int want, int now) {
        lastAnnounce = now;
        AddressFamily family = request.peer().family();
        PeerTable own = table(family);
        if (request.event() == Event.STOPPED) {
            // BEP 3: a stopped peer leaves the swarm and is owed no peers.
            if (own != null) {
                int r = own.find(record);
                if (r >= 0) {
                    own.remove(r);
                    SubnetGroups groups = groups(family);
                    if (groups != null) {
                        groups.remove(record);
                    }
                    if (own.count() == 0) {
                        setTable(family, null);
                        setGroups(family, null);
                    }
                }
            }
            return new AnnounceResult(seeders(), leechers(), PeerList.empty(AddressFamily.IPV4),
                    PeerList.empty(AddressFamily.IPV6));
        }

        if (own == null) {
            own = new PeerTable(family);
            setTable(family, own);
        }
        boolean completed = request.event() == Event.COMPLETED;
        int self = own.find(record);
        boolean counted = completed && (self < 0 || !own.isSeeder(self));
        if (counted) {
            // BEP 3 'completed' counts one download; a client repeating it, or a seeder sending it, is not
            // a new download.
            downloaded++;
        }
        boolean seeder = request.isSeeder() || completed;
        if (self < 0) {
            self = own.insert(record, seeder);
        } else {
            self = own.setSeeder(self, seeder);
            own.touch(self, now);
        }
        // Groups, once made, follow every announce (with or without the preference) so they stay complete.
        int prefix = request.subnetPreference().prefixLength(family);
        SubnetGroups groups = groups(family);
        if (prefix != 0 && (groups == null || groups.prefix() != prefix)) {
            groups = SubnetGroups.build(own, prefix);
            setGroups(family, groups);
        } else if (groups != null) {
            groups.record(record, seeder, now);
        }

        // Own family first; the other family (BEP 7 peers6 / IPv4 for an IPv6 client) only fills the rest.
        AddressFamily otherFamily = other(family);
        PeerTable other = request.bothFamilies() ? table(otherFamily) : null;
        int ownTake = Math.min(want, own.candidates(seeder, self));
        int otherTake = other == null ? 0 : Math.min(want - ownTake, other.candidates(seeder, -1));
        PeerList ownPeers = new PeerList(family, ownTake);
        if (prefix == 0) {
            own.sampleInto(ownPeers, seeder, ownTake, self);
        } else if (ownTake > 0) {
            // Own subnet first (its seeders first for a leecher), then the rest of the family likewise.
            PeerTable near = groups.group(record);
            int nearSelf = near.find(record);
            int nearTake = Math.min(ownTake, near.candidates(seeder, nearSelf));
            near.sampleInto(ownPeers, seeder, nearTake, nearSelf);
            own.sampleOutside(ownPeers, seeder, ownTake - nearTake, record, prefix);
        }
        PeerList otherPeers = new PeerList(otherFamily, otherTake);
        if (otherTake > 0) {
            other.sampleInto(otherPeers, seeder, otherTake, -1);
        }
        return family == AddressFamily.IPV4
                ? new AnnounceResult(seeders(), leechers(), ownPeers, otherPeers, counted)
                : new AnnounceResult(seeders(), leechers(), otherPeers, ownPeers, counted);
    }

    /** Drops peers last seen before {@code oldestKept} and releases tables left empty. */
    void expire(int oldestKept) {
        if (groups4 != null) {
            groups4.expire(oldestKept);
        }
        if (groups6 != null) {
            groups6.expire(oldestKept);
        }
        if (ipv4 != null && ipv4.expire(oldestKept) > 0 && ipv4.count() == 0) {
            ipv4 = null;
            groups4 = null;
        }
        if (ipv6 != null && ipv6.expire(oldestKept) > 0 && ipv6.count() == 0) {
            ipv6 = null;
            groups6 = null;
        }
    }

    private SubnetGroups groups(AddressFamily family) {
        return family == AddressFamily.IPV4 ? groups4 : groups6;
    }

    private void setGroups(AddressFamily family, SubnetGroups groups) {
        if (family == AddressFamily.IPV4) {
            groups4 = groups;
        } else {
            groups6 = groups;
        }
    }

    private PeerTable table(AddressFamily family) {
        return family == AddressFamily.IPV4 ? ipv4 : ipv6;
    }

    private void setTable(AddressFamily family, PeerTable table) {
        if (family == AddressFamily.IPV4) {
            ipv4 = table;
        } else {
            ipv6 = table;
        }
    }

    private static AddressFamily other(AddressFamily family) {
        return family == AddressFamily.IPV4 ? AddressFamily.IPV6 : AddressFamily.IPV4;
    }
}
