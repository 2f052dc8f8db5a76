package org.bittern.store.redis;

import java.nio.charset.StandardCharsets;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.InfoHash;

/**
 * Names of the Redis keys of one swarm: {@code <prefix>{<info_hash hex>}:<suffix>}. The braces are a
 * Redis Cluster hash tag (design §4): every key of a swarm hashes to the same slot, so the announce script
 * may touch them all. Suffixes: {@code s4}/{@code l4}/{@code s6}/{@code l6} seeders and leechers per
 * address family (ZSETs, member = packed peer entry, score = last announce in ms), {@code d} downloads.
 *
 * <p>Keys are built as bytes straight away (the connection uses a byte-array codec): one small array per
 * key and no intermediate strings beyond the prefix, which is encoded once.
 */
final class SwarmKeys {
    static final int SEEDERS_4 = 0;
    static final int LEECHERS_4 = 1;
    static final int SEEDERS_6 = 2;
    static final int LEECHERS_6 = 3;
    static final int DOWNLOADED = 4;
    static final int COUNT = 5;

    private static final byte[][] SUFFIXES = {
        utf8("}:s4"), utf8("}:l4"), utf8("}:s6"), utf8("}:l6"), utf8("}:d"),
    };
    private static final byte[] HEX = utf8("0123456789abcdef");
    private static final int HEX_LENGTH = 2 * InfoHash.LENGTH;

    private final byte[] prefix;
    private final byte[] index;

    SwarmKeys(String prefix) {
        this.prefix = utf8(prefix + "{");
        this.index = utf8(prefix + "swarms");
    }

    /**
     * The index of active swarms: a ZSET of raw 20-byte info_hashes scored by last announce (ms). It is one
     * key, so in Redis Cluster it lives on one node and takes one extra command per announce there.
     */
    byte[] index() {
        return index;
    }

    /** The five keys of a swarm, indexed by the constants of this class (scrape order). */
    byte[][] all(InfoHash infoHash) {
        byte[][] keys = new byte[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            keys[i] = key(infoHash, i);
        }
        return keys;
    }

    /**
     * The keys in the announce script's order: own family's seeders and leechers, the other family's,
     * then downloads.
     */
    byte[][] forAnnounce(InfoHash infoHash, AddressFamily own) {
        boolean v4 = own == AddressFamily.IPV4;
        return new byte[][] {
            key(infoHash, v4 ? SEEDERS_4 : SEEDERS_6),
            key(infoHash, v4 ? LEECHERS_4 : LEECHERS_6),
            key(infoHash, v4 ? SEEDERS_6 : SEEDERS_4),
            key(infoHash, v4 ? LEECHERS_6 : LEECHERS_4),
            key(infoHash, DOWNLOADED),
        };
    }

    /**
     * The subnet preference's two extra keys (seeders, leechers) of the announcer's subnet within its swarm and
     * family: {@code <prefix>{<info_hash hex>}:s4/24/0a0001} names the IPv4 /24 10.0.1.0 (the subnet's first
     * {@code ceil(prefix / 8)} address bytes, masked, in hex). The prefix length is part of the name, so a changed
     * configuration starts fresh sets instead of mixing groupings.
     */
    byte[][] forSubnet(InfoHash infoHash, AddressFamily family, int prefixLength, byte[] subnet) {
        char f = family == AddressFamily.IPV4 ? '4' : '6';
        StringBuilder tail = new StringBuilder(8 + 2 * subnet.length).append(f).append('/').append(prefixLength).append('/');
        for (byte b : subnet) {
            tail.append((char) HEX[(b >>> 4) & 0xf]).append((char) HEX[b & 0xf]);
        }
        byte[] base = key(infoHash, DOWNLOADED); // <prefix>{hex}:d
        int stem = base.length - 1;
        return new byte[][] {subnetKey(base, stem, 's', tail), subnetKey(base, stem, 'l', tail)};
    }

    private static byte[] subnetKey(byte[] base, int stem, char role, CharSequence tail) {
        byte[] key = new byte[stem + 1 + tail.length()];
        System.arraycopy(base, 0, key, 0, stem);
        key[stem] = (byte) role;
        for (int i = 0; i < tail.length(); i++) {
            key[stem + 1 + i] = (byte) tail.charAt(i);
        }
        return key;
    }

    private byte[] key(InfoHash infoHash, int suffix) {
        byte[] tail = SUFFIXES[suffix];
        byte[] key = new byte[prefix.length + HEX_LENGTH + tail.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        int at = prefix.length;
        for (int i = 0; i < InfoHash.LENGTH; i++) {
            int b = infoHash.byteAt(i) & 0xff;
            key[at++] = HEX[b >>> 4];
            key[at++] = HEX[b & 0xf];
        }
        System.arraycopy(tail, 0, key, at, tail.length);
        return key;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
