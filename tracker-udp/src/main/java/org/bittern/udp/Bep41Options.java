package org.bittern.udp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.bittern.bittorrent.ClientError;

/**
 * BEP 41 options after the 98-byte announce: end of options, no-ops, and URL data. The URL-data chunks are
 * joined into one path-and-query string (BEP 41: "concatenated to form the full URL data") whose query
 * parameters are handed to middleware like HTTP query parameters, so {@code jwt} works the same over UDP.
 */
public final class Bep41Options {
    private Bep41Options() {
    }

    /**
     * The query parameters of the URL data between {@code from} and {@code in.limit()}; an empty map when there
     * is none. An unknown option type is skipped by its length byte, so new options do not break old trackers.
     *
     * @throws ClientError {@link UdpErrors#MALFORMED_OPTIONS} when an option runs past the datagram or the
     *                     query is not valid percent-encoding
     */
    public static Map<String, String> parse(ByteBuffer in, int from) {
        int end = in.limit();
        if (from >= end) {
            return Map.of();
        }
        byte[] urlData = null;
        int urlLength = 0;
        int at = from;
        while (at < end) {
            int type = in.get(at++) & 0xff;
            if (type == Bep15.OPTION_END) {
                break;
            }
            if (type == Bep15.OPTION_NOP) {
                continue;
            }
            if (at >= end) {
                throw new ClientError(UdpErrors.MALFORMED_OPTIONS);
            }
            int length = in.get(at++) & 0xff;
            if (at + length > end) {
                throw new ClientError(UdpErrors.MALFORMED_OPTIONS);
            }
            if (type == Bep15.OPTION_URL_DATA) {
                if (urlData == null) {
                    urlData = new byte[end - from]; // the joined data can never be longer than the options
                }
                in.get(at, urlData, urlLength, length);
                urlLength += length;
            }
            at += length;
        }
        return urlData == null ? Map.of() : queryParameters(new String(urlData, 0, urlLength, StandardCharsets.ISO_8859_1));
    }

    /** {@code /announce?jwt=…&key=…} → its parameters; a repeated name keeps its last value. */
    static Map<String, String> queryParameters(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        if (question < 0 || question == pathAndQuery.length() - 1) {
            return Map.of();
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : pathAndQuery.substring(question + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(percentDecode(name), percentDecode(value));
        }
        return Map.copyOf(params);
    }

    /** RFC 3986 percent-decoding to UTF-8; unlike URLDecoder, '+' stays '+' (a JWT may not contain one, but a key may). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new ClientError(UdpErrors.MALFORMED_OPTIONS);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new ClientError(UdpErrors.MALFORMED_OPTIONS);
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
