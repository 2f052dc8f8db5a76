package org.bittern.admin.torrent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict bencode decoder (BEP 3) for untrusted uploads: one value filling the whole input, integers without
 * leading zeros or {@code -0} and within a long, string lengths that fit the input, dictionary keys that are strings
 * in strictly ascending byte order (so no duplicates), and nesting at most {@link #MAX_DEPTH} deep so hostile input
 * cannot exhaust the stack. Anything else is a {@link BencodeException} naming the byte offset; nothing else is ever
 * thrown.
 */
public final class BencodeDecoder {

    public static final int MAX_DEPTH = 64;

    private final byte[] in;
    private int pos;

    private BencodeDecoder(byte[] in) {
        this.in = in;
    }

    public static Bencode decode(byte[] input) throws BencodeException {
        BencodeDecoder decoder = new BencodeDecoder(input);
        if (input.length == 0) {
            throw new BencodeException("empty input");
        }
        Bencode value = decoder.value(0);
        if (decoder.pos != input.length) {
            throw new BencodeException("unexpected data after the end at byte " + decoder.pos);
        }
        return value;
    }

    private Bencode value(int depth) throws BencodeException {
        if (depth > MAX_DEPTH) {
            throw new BencodeException("nested deeper than " + MAX_DEPTH + " at byte " + pos);
        }
        int c = peek();
        if (c == 'i') {
            return integer();
        }
        if (c == 'l') {
            return list(depth);
        }
        if (c == 'd') {
            return dict(depth);
        }
        if (c >= '0' && c <= '9') {
            return string();
        }
        throw new BencodeException("unexpected " + describe(c) + " at byte " + pos
                + " (expected i, l, d or a string length)");
    }

    private Bencode.Int integer() throws BencodeException {
        int start = pos++;
        boolean negative = false;
        if (peek() == '-') {
            negative = true;
            pos++;
        }
        int digitsStart = pos;
        // Accumulated as a negative number, whose range includes Long.MIN_VALUE.
        long value = 0;
        while (peek() >= '0' && peek() <= '9') {
            int digit = in[pos] - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw new BencodeException("integer too large at byte " + start);
            }
            value = value * 10 - digit;
            pos++;
        }
        int digits = pos - digitsStart;
        if (digits == 0) {
            throw new BencodeException("integer without digits at byte " + start);
        }
        if (digits > 1 && in[digitsStart] == '0') {
            throw new BencodeException("integer with a leading zero at byte " + start);
        }
        if (negative && value == 0) {
            throw new BencodeException("integer -0 at byte " + start);
        }
        if (!negative && value == Long.MIN_VALUE) {
            throw new BencodeException("integer too large at byte " + start);
        }
        expect('e', "end of the integer started at byte " + start);
        return new Bencode.Int(negative ? value : -value, start, pos);
    }

    private Bencode.Bytes string() throws BencodeException {
        int start = pos;
        long length = 0;
        while (peek() >= '0' && peek() <= '9') {
            length = length * 10 + (in[pos] - '0');
            pos++;
            if (length > in.length) {
                throw new BencodeException("string at byte " + start + " is longer than the input");
            }
        }
        if (pos - start > 1 && in[start] == '0') {
            throw new BencodeException("string length with a leading zero at byte " + start);
        }
        expect(':', "':' after the string length at byte " + start);
        if (length > in.length - pos) {
            throw new BencodeException("string at byte " + start + " runs past the end (" + length + " bytes)");
        }
        byte[] value = Arrays.copyOfRange(in, pos, pos + (int) length);
        pos += (int) length;
        return new Bencode.Bytes(value, start, pos);
    }

    private Bencode.ListValue list(int depth) throws BencodeException {
        int start = pos++;
        List<Bencode> items = new ArrayList<>();
        while (peek() != 'e') {
            if (peek() < 0) {
                throw new BencodeException("list started at byte " + start + " is not closed");
            }
            items.add(value(depth + 1));
        }
        pos++;
        return new Bencode.ListValue(items, start, pos);
    }

    private Bencode.Dict dict(int depth) throws BencodeException {
        int start = pos++;
        Map<String, Bencode> entries = new LinkedHashMap<>();
        byte[] previous = null;
        while (peek() != 'e') {
            if (peek() < 0) {
                throw new BencodeException("dictionary started at byte " + start + " is not closed");
            }
            int keyAt = pos;
            if (peek() < '0' || peek() > '9') {
                throw new BencodeException("dictionary key at byte " + keyAt + " is not a string");
            }
            byte[] key = string().value();
            if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                throw new BencodeException("dictionary key at byte " + keyAt
                        + (Arrays.equals(previous, key) ? " is repeated" : " is out of order (keys must be sorted)"));
            }
            previous = key;
            if (peek() == 'e' || peek() < 0) {
                throw new BencodeException("dictionary key at byte " + keyAt + " has no value");
            }
            entries.put(new String(key, StandardCharsets.ISO_8859_1), value(depth + 1));
        }
        pos++;
        return new Bencode.Dict(entries, start, pos);
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private void expect(int c, String what) throws BencodeException {
        if (peek() != c) {
            throw new BencodeException("expected " + what + ", found " + describe(peek()) + " at byte " + pos);
        }
        pos++;
    }

    private static String describe(int c) {
        if (c < 0) {
            return "the end of the input";
        }
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }
}
