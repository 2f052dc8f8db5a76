package org.bittern.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict bencode (BEP 3) decoder written independently of {@link BencodeWriter}, to check what the
 * writers produce (unit tests and {@code HttpTrackerIT}). Integers become {@link Long}, lists
 * {@link List}, dictionaries {@link LinkedHashMap} in wire order, and byte strings (values and keys)
 * {@link String}s read as ISO-8859-1: one char per byte, so {@code s.getBytes(ISO_8859_1)} gives the
 * exact bytes back (see {@link #bytes(Object)}) and ASCII text compares directly.
 * Rejects: dictionary keys not in strictly increasing raw byte order (BEP 3 "sorted as raw strings"),
 * duplicate keys, {@code i-0e} and leading zeros, empty integers, non-canonical string lengths,
 * truncated input and trailing bytes.
 */
final class BencodeDecoder {
    static final class DecodeException extends RuntimeException {
        DecodeException(String message, int at) {
            super(message + " at offset " + at);
        }
    }

    private final byte[] in;
    private int at;

    private BencodeDecoder(byte[] in) {
        this.in = in;
    }

    /** Any bencoded value, which must fill {@code in} exactly. */
    static Object decodeValue(byte[] in) {
        BencodeDecoder d = new BencodeDecoder(in);
        Object v = d.value();
        if (d.at != in.length) {
            throw new DecodeException("trailing bytes", d.at);
        }
        return v;
    }

    /** A tracker response: always a dictionary at the top. */
    static Map<String, Object> decode(byte[] in) {
        Object v = decodeValue(in);
        if (!(v instanceof Map)) {
            throw new DecodeException("not a dictionary", 0);
        }
        return dict(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(Object v) {
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object v) {
        return (List<Object>) v;
    }

    /** The exact bytes of a decoded byte string. */
    static byte[] bytes(Object v) {
        return ((String) v).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A decoded byte string read as UTF-8 text. */
    static String text(Object v) {
        return new String(bytes(v), StandardCharsets.UTF_8);
    }

    /** The dictionary key for raw bytes, as this decoder stores it. */
    static String rawKey(byte[] key) {
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    private Object value() {
        if (at >= in.length) {
            throw new DecodeException("truncated", at);
        }
        byte b = in[at];
        if (b == 'i') {
            return integer();
        }
        if (b == 'l') {
            at++;
            List<Object> list = new ArrayList<>();
            while (peek() != 'e') {
                list.add(value());
            }
            at++;
            return list;
        }
        if (b == 'd') {
            at++;
            Map<String, Object> map = new LinkedHashMap<>();
            byte[] previous = null;
            while (peek() != 'e') {
                int keyAt = at;
                byte[] key = string();
                if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                    throw new DecodeException("dictionary key not sorted or duplicate: '" + rawKey(key)
                            + "' after '" + rawKey(previous) + "'", keyAt);
                }
                previous = key;
                map.put(rawKey(key), value());
            }
            at++;
            return map;
        }
        if (b >= '0' && b <= '9') {
            return rawKey(string());
        }
        throw new DecodeException("unexpected byte " + (b & 0xff), at);
    }

    private byte peek() {
        if (at >= in.length) {
            throw new DecodeException("truncated", at);
        }
        return in[at];
    }

    private Long integer() {
        at++; // 'i'
        int start = at;
        boolean negative = peek() == '-';
        if (negative) {
            at++;
        }
        int digitsStart = at;
        while (peek() != 'e') {
            if (in[at] < '0' || in[at] > '9') {
                throw new DecodeException("non-digit in integer", at);
            }
            at++;
        }
        int digits = at - digitsStart;
        if (digits == 0) {
            throw new DecodeException("empty integer", start);
        }
        if (in[digitsStart] == '0' && (digits > 1 || negative)) {
            throw new DecodeException("leading zero or -0", start);
        }
        String text = new String(in, start, at - start, StandardCharsets.US_ASCII);
        at++; // 'e'
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new DecodeException("integer out of range", start);
        }
    }

    private byte[] string() {
        int start = at;
        long len = 0;
        while (peek() != ':') {
            if (in[at] < '0' || in[at] > '9') {
                throw new DecodeException("non-digit in string length", at);
            }
            len = len * 10 + (in[at] - '0');
            if (len > in.length) {
                throw new DecodeException("string length beyond input", start);
            }
            at++;
        }
        if (at == start || (in[start] == '0' && at - start > 1)) {
            throw new DecodeException("bad string length", start);
        }
        at++; // ':'
        if (at + len > in.length) {
            throw new DecodeException("string truncated", start);
        }
        byte[] out = Arrays.copyOfRange(in, at, at + (int) len);
        at += (int) len;
        return out;
    }
}
