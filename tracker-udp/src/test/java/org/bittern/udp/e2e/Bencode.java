package org.bittern.udp.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of a bencode reader (BEP 3) for the WAR's answers: integers as {@link Long}, strings as
 * {@code byte[]} (compact peer lists are binary), lists, and dictionaries keyed by ISO-8859-1 strings so a
 * binary info_hash key survives. The WAR's own test decoder lives in tracker-war's test sources, which this
 * module cannot see.
 */
final class Bencode {
    private final byte[] in;
    private int at;

    private Bencode(byte[] in) {
        this.in = in;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> decodeDictionary(byte[] bytes) {
        Bencode reader = new Bencode(bytes);
        Object value = reader.next();
        if (!(value instanceof Map) || reader.at != bytes.length) {
            throw new IllegalArgumentException("not one bencoded dictionary: "
                    + new String(bytes, StandardCharsets.ISO_8859_1));
        }
        return (Map<String, Object>) value;
    }

    private Object next() {
        byte b = in[at];
        switch (b) {
            case 'i': {
                int end = indexOf('e', ++at);
                long value = Long.parseLong(ascii(at, end));
                at = end + 1;
                return value;
            }
            case 'l': {
                at++;
                List<Object> list = new ArrayList<>();
                while (in[at] != 'e') {
                    list.add(next());
                }
                at++;
                return list;
            }
            case 'd': {
                at++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (in[at] != 'e') {
                    String key = new String(string(), StandardCharsets.ISO_8859_1);
                    map.put(key, next());
                }
                at++;
                return map;
            }
            default:
                return string();
        }
    }

    private byte[] string() {
        int colon = indexOf(':', at);
        int length = Integer.parseInt(ascii(at, colon));
        byte[] value = new byte[length];
        System.arraycopy(in, colon + 1, value, 0, length);
        at = colon + 1 + length;
        return value;
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < in.length; i++) {
            if (in[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("truncated bencode: no '" + c + "' after offset " + from);
    }

    private String ascii(int from, int to) {
        return new String(in, from, to - from, StandardCharsets.US_ASCII);
    }
}
