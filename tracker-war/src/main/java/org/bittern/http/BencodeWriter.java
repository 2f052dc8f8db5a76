package org.bittern.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes bencode (BEP 3) straight into a growable byte array: no tree of objects, no intermediate
 * strings (design §11: "avoid a generic bencode tree on the request path"). Methods return {@code this}.
 * <ul>
 *   <li>integers {@code i<decimal>e}; byte strings {@code <length>:<bytes>}; lists {@code l...e};
 *       dictionaries {@code d<key><value>...e}.</li>
 *   <li>BEP 3: "Keys must be strings and appear in sorted order (sorted as raw strings, not
 *       alphanumerics)". Callers write keys in order; with assertions enabled ({@code -ea}, as in every
 *       test run) each key is checked against the previous key of its dictionary, so a writer that
 *       emits them out of order fails its tests instead of shipping clients a dictionary strict decoders
 *       reject (Chihaya issue #520). The check costs nothing in production.</li>
 *   <li>Structure (nesting depth, {@code key} only inside a dictionary, balanced {@code end}) is always
 *       checked: it is a bit mask and a counter.</li>
 * </ul>
 * Not thread-safe; one writer per response (or per worker, with {@link #reset()}).
 */
public final class BencodeWriter {
    /** Deepest nesting supported; tracker responses use 3 (response → files → hash dictionary). */
    public static final int MAX_DEPTH = 64;

    private static final boolean KEY_ORDER_CHECKS = assertionsEnabled();
    private static final byte[] NO_BYTES = new byte[0];

    private byte[] buf;
    private int pos;
    private int depth;
    /** Bit d set: the container at depth d+1 is a dictionary. */
    private long dictMask;
    /** Per depth, position and length of the previous key's bytes in {@link #buf}; only with -ea. */
    private final int[] lastKeyStart;
    private final int[] lastKeyLen;

    public BencodeWriter() {
        this(256);
    }

    public BencodeWriter(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
        this.lastKeyStart = KEY_ORDER_CHECKS ? new int[MAX_DEPTH + 1] : null;
        this.lastKeyLen = KEY_ORDER_CHECKS ? new int[MAX_DEPTH + 1] : null;
    }

    @SuppressWarnings("AssertWithSideEffects")
    private static boolean assertionsEnabled() {
        boolean on = false;
        assert on = true;
        return on;
    }

    public BencodeWriter dictStart() {
        open(true);
        put((byte) 'd');
        if (KEY_ORDER_CHECKS) {
            lastKeyLen[depth] = -1;
        }
        return this;
    }

    public BencodeWriter listStart() {
        open(false);
        put((byte) 'l');
        return this;
    }

    /** Closes the innermost list or dictionary. */
    public BencodeWriter end() {
        if (depth == 0) {
            throw new IllegalStateException("end() without an open list or dictionary");
        }
        depth--;
        dictMask &= ~(1L << depth);
        put((byte) 'e');
        return this;
    }

    /** A dictionary key of ASCII characters (all tracker keys are); must sort after the previous key. */
    public BencodeWriter key(String asciiKey) {
        requireDict();
        int len = asciiKey.length();
        header(len);
        ensure(len);
        int start = pos;
        for (int k = 0; k < len; k++) {
            char c = asciiKey.charAt(k);
            if (c >= 0x80) {
                throw new IllegalArgumentException("dictionary key is not ASCII: " + asciiKey);
            }
            buf[pos++] = (byte) c;
        }
        assert keyInOrder(start, len);
        return this;
    }

    /** A dictionary key of raw bytes (scrape's info_hash keys); must sort after the previous key. */
    public BencodeWriter key(byte[] src, int off, int len) {
        requireDict();
        header(len);
        int start = pos;
        putBytes(src, off, len);
        assert keyInOrder(start, len);
        return this;
    }

    public BencodeWriter intValue(long v) {
        ensure(22); // 'i' + '-' + 19 digits + 'e'
        buf[pos++] = 'i';
        writeDecimal(v);
        buf[pos++] = 'e';
        return this;
    }

    /** A byte string: {@code <len>:<bytes>}. */
    public BencodeWriter bytes(byte[] src, int off, int len) {
        header(len);
        putBytes(src, off, len);
        return this;
    }

    /** A text value as a byte string of its UTF-8 encoding (ASCII without any allocation). */
    public BencodeWriter string(String s) {
        int len = s.length();
        for (int k = 0; k < len; k++) {
            if (s.charAt(k) >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                return bytes(utf8, 0, utf8.length);
            }
        }
        header(len);
        ensure(len);
        for (int k = 0; k < len; k++) {
            buf[pos++] = (byte) s.charAt(k);
        }
        return this;
    }

    /**
     * Writes the {@code <len>:} header of a byte string and reserves its {@code len} bytes, returning
     * their offset in {@link #array()}, for callers that copy packed data in place (BEP 23 peers).
     */
    int reserveString(int len) {
        header(len);
        ensure(len);
        int at = pos;
        pos += len;
        return at;
    }

    /** The current backing array; valid until the next write (which may grow it). */
    byte[] array() {
        return buf;
    }

    /** Bytes written so far. */
    public int size() {
        return pos;
    }

    /** Forgets everything written, keeping the buffer. */
    public void reset() {
        pos = 0;
        depth = 0;
        dictMask = 0;
    }

    /**
     * Bytes that {@link #intValue(long)} writes for {@code v}, so callers can size a writer exactly and
     * take its buffer with {@link #detach()} instead of copying it.
     */
    static int intLength(long v) {
        if (v == Long.MIN_VALUE) {
            return 22;
        }
        int n = 2 + (v < 0 ? 1 : 0);
        long u = Math.abs(v);
        do {
            n++;
            u /= 10;
        } while (u != 0);
        return n;
    }

    /** Bytes of a byte string of {@code len} bytes: {@code <len>:} and the bytes. */
    static int stringLength(int len) {
        return intLength(len) - 1 + len; // the digits, ':' instead of 'i'/'e', then the content
    }

    /**
     * The complete encoding, handing over the buffer itself when it is exactly full (no copy) and a
     * trimmed copy otherwise. The writer starts over empty, so it can never write into the array
     * returned. For one-shot writers sized with {@link #intLength}/{@link #stringLength}.
     */
    byte[] detach() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " list(s) or dictionary(ies) still open");
        }
        byte[] out = pos == buf.length ? buf : Arrays.copyOf(buf, pos);
        buf = NO_BYTES;
        pos = 0;
        return out;
    }

    /** A copy of the complete encoding. */
    public byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " list(s) or dictionary(ies) still open");
        }
        return Arrays.copyOf(buf, pos);
    }

    private void open(boolean dict) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("bencode nesting deeper than " + MAX_DEPTH);
        }
        if (dict) {
            dictMask |= 1L << depth;
        }
        depth++;
    }

    private void requireDict() {
        if (depth == 0 || (dictMask & (1L << (depth - 1))) == 0) {
            throw new IllegalStateException("key outside a dictionary");
        }
    }

    private boolean keyInOrder(int start, int len) {
        int prevLen = lastKeyLen[depth];
        int prevStart = lastKeyStart[depth];
        if (prevLen >= 0 && Arrays.compareUnsigned(buf, prevStart, prevStart + prevLen, buf, start, start + len) >= 0) {
            throw new AssertionError("bencode dictionary keys not in sorted order (BEP 3): '"
                    + new String(buf, start, len, StandardCharsets.ISO_8859_1) + "' after '"
                    + new String(buf, prevStart, prevLen, StandardCharsets.ISO_8859_1) + "'");
        }
        lastKeyStart[depth] = start;
        lastKeyLen[depth] = len;
        return true;
    }

    private void header(int len) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        ensure(11);
        writeDecimal(len);
        buf[pos++] = ':';
    }

    private void putBytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    private void put(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    /** ASCII decimal of {@code v} at {@link #pos}; the caller ensured 20 bytes of room. */
    private void writeDecimal(long v) {
        if (v < 0) {
            buf[pos++] = '-';
            if (v == Long.MIN_VALUE) {
                byte[] digits = "9223372036854775808".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(digits, 0, buf, pos, digits.length);
                pos += digits.length;
                return;
            }
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int at = pos + digits;
        pos = at;
        do {
            buf[--at] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
    }

    private void ensure(int n) {
        if (n > buf.length - pos) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + n);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("bencode output too large");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
