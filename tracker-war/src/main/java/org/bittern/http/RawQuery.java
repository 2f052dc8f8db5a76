package org.bittern.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bittern.bittorrent.ClientError;

/**
 * The raw (still percent-encoded) query string of a tracker request, decoded to bytes in one pass.
 * <p>
 * BEP 3 sends {@code info_hash} and {@code peer_id} as percent-encoded <em>binary</em>: decoding them
 * as UTF-8 (what {@code @QueryParam} does) turns every byte &ge; 0x80 into U+FFFD and corrupts the
 * hash. So keys and values here are bytes: {@code %XX} becomes one byte, {@code +} a space (the HTML
 * form encoding every client uses), everything else its ASCII code. Pairs are split on {@code &} and on
 * {@code ;} (the W3C-recommended alternative separator some clients send); a pair without {@code =} is
 * a key with an empty value; empty pairs ({@code a=1&&b=2}) are skipped.
 * <p>
 * Every pair is kept in request order; accessors decide the semantics: {@link #lastIndexOf(String)}
 * gives "last value wins" for ordinary parameters, {@link #values(String)} gives all values in order,
 * which scrape needs for its repeated {@code info_hash} (BEP 48).
 * <p>
 * Allocation: one byte array, the query's ASCII bytes, decoded in place into all keys and values
 * (decoding never grows the text), and one int table of offsets. No regex, no split, no per-pair objects.
 */
public final class RawQuery {
    /**
     * Longest query accepted, in characters. A real announce is 300-400 characters (two 60-character
     * escaped hashes plus short numbers), a JWT adds about 1 KiB, and a scrape of the default 50 hashes
     * (tracker.scrape.max-info-hashes) is about 3.6 KiB. 8 KiB is also the request-line limit of common
     * front proxies (nginx large_client_header_buffers), so anything longer is not a tracker client.
     */
    public static final int MAX_LENGTH = 8 * 1024;

    /**
     * Ints per pair: the key's offset in {@link #buf}, then key length (high 16 bits) and value length
     * (low 16 bits); the value follows its key directly in {@link #buf}. Lengths fit 16 bits because
     * {@link #MAX_LENGTH} does.
     */
    private static final int FIELDS = 2;
    /** A real announce has 10-15 pairs. */
    private static final int INITIAL_PAIRS = 16;

    private final byte[] buf;
    private int[] table;
    private int size;

    private RawQuery(byte[] buf) {
        this.buf = buf;
        this.table = new int[INITIAL_PAIRS * FIELDS];
    }

    /**
     * Decodes {@code raw} (without the leading {@code ?}); {@code null} or empty is an empty query.
     *
     * @throws ClientError {@link HttpErrors#QUERY_TOO_LONG}, {@link HttpErrors#BAD_ESCAPE} for
     *                     {@code %} not followed by two hex digits, {@link HttpErrors#NON_ASCII_QUERY}
     *                     for a character above 0x7F: RFC 3986 queries are ASCII, so such a character
     *                     means a container already decoded raw bytes with a charset we cannot know,
     *                     and the binary values could not be recovered exactly
     */
    public static RawQuery parse(String raw) {
        if (raw == null) {
            return new RawQuery(new byte[0]);
        }
        int n = raw.length();
        if (n > MAX_LENGTH) {
            throw new ClientError(HttpErrors.QUERY_TOO_LONG);
        }
        // For an ASCII string this is one intrinsic copy; any other character becomes two or more
        // bytes, so a length change (or a byte >= 0x80 seen below) means non-ASCII input. The only
        // exception, a lone UTF-16 surrogate, encodes as '?': no container builds one from request bytes.
        byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        if (b.length != n) {
            throw new ClientError(HttpErrors.NON_ASCII_QUERY);
        }
        RawQuery q = new RawQuery(b);
        q.decode(n);
        return q;
    }

    /**
     * Decodes {@link #buf} in place: the write position never passes the read position, because every
     * escape shrinks three bytes to one and everything else stays one byte.
     */
    private void decode(int n) {
        byte[] b = buf;
        int w = 0;
        int segStart = 0;
        int keyStart = 0;
        int keyEnd = -1;
        int i = 0;
        while (true) {
            int c = i < n ? b[i] : '&';
            if (c == '&' || c == ';') {
                if (i > segStart) {
                    if (keyEnd < 0) {
                        add(keyStart, w - keyStart, 0);
                    } else {
                        add(keyStart, keyEnd - keyStart, w - keyEnd);
                    }
                }
                if (i >= n) {
                    return;
                }
                i++;
                segStart = i;
                keyStart = w;
                keyEnd = -1;
                continue;
            }
            if (c == '=' && keyEnd < 0) {
                keyEnd = w;
                i++;
                continue;
            }
            if (c == '%') {
                if (i + 2 >= n) {
                    throw new ClientError(HttpErrors.BAD_ESCAPE);
                }
                int hi = hex(b[i + 1]);
                int lo = hex(b[i + 2]);
                if ((hi | lo) < 0) {
                    throw new ClientError(HttpErrors.BAD_ESCAPE);
                }
                b[w++] = (byte) ((hi << 4) | lo);
                i += 3;
            } else if (c == '+') {
                b[w++] = ' ';
                i++;
            } else if (c >= 0) {
                b[w++] = (byte) c;
                i++;
            } else {
                throw new ClientError(HttpErrors.NON_ASCII_QUERY);
            }
        }
    }

    private void add(int keyOff, int keyLen, int valLen) {
        int at = size * FIELDS;
        if (at == table.length) {
            table = Arrays.copyOf(table, table.length * 2);
        }
        table[at] = keyOff;
        table[at + 1] = (keyLen << 16) | valLen;
        size++;
    }

    private static int hex(int c) {
        // ASCII hex only: HexFormat never accepts non-ASCII digits, unlike Character.digit.
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }

    /** Number of pairs, repeated keys counted each time. */
    public int size() {
        return size;
    }

    /** Whether the decoded key of pair {@code index} is exactly the ASCII {@code name}. */
    public boolean keyEquals(int index, String name) {
        int len = keyLength(index);
        if (len != name.length()) {
            return false;
        }
        int off = table[index * FIELDS];
        for (int k = 0; k < len; k++) {
            if (buf[off + k] != (byte) name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The pair index of the last {@code name} (last value wins), or -1. */
    public int lastIndexOf(String name) {
        for (int i = size - 1; i >= 0; i--) {
            if (keyEquals(i, name)) {
                return i;
            }
        }
        return -1;
    }

    /** Decoded key of pair {@code index}, one char per byte (ISO-8859-1, lossless); for diagnostics. */
    public String key(int index) {
        return new String(buf, table[index * FIELDS], keyLength(index), StandardCharsets.ISO_8859_1);
    }

    /** Length in bytes of the decoded key of pair {@code index}. */
    public int keyLength(int index) {
        return table[index * FIELDS + 1] >>> 16;
    }

    public int valueLength(int index) {
        return table[index * FIELDS + 1] & 0xffff;
    }

    /** Byte {@code pos} of the decoded value of pair {@code index}. */
    public byte valueByte(int index, int pos) {
        return buf[valueOffset(index) + pos];
    }

    /** A copy of the decoded value of pair {@code index}. */
    public byte[] value(int index) {
        int off = valueOffset(index);
        return Arrays.copyOfRange(buf, off, off + valueLength(index));
    }

    /** A copy of the last value of {@code name} (last value wins), or {@code null} when absent. */
    public byte[] value(String name) {
        int i = lastIndexOf(name);
        return i < 0 ? null : value(i);
    }

    /** Copies of every value of {@code name}, in request order (scrape's repeated info_hash). */
    public List<byte[]> values(String name) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (keyEquals(i, name)) {
                out.add(value(i));
            }
        }
        return out;
    }

    /** The decoded value of pair {@code index} read as UTF-8: only for textual parameters (jwt, key). */
    public String valueAsString(int index) {
        return new String(buf, valueOffset(index), valueLength(index), StandardCharsets.UTF_8);
    }

    /** The backing buffer, for zero-copy reads by this package's parsers; never modify it. */
    byte[] buffer() {
        return buf;
    }

    int valueOffset(int index) {
        return table[index * FIELDS] + keyLength(index);
    }
}
