package org.bittern.http;

import java.util.HexFormat;
import org.bittern.bittorrent.AddressFamily;

/**
 * Textual IP addresses without name resolution: parses IPv4 dotted quads and IPv6 literals
 * (RFC 4291 §2.2) into their 4 or 16 raw bytes, formats raw bytes back (RFC 5952), and reads the
 * {@code address[:port]} endpoints of BEP 7 (RFC 2732 brackets for IPv6).
 * <p>
 * Why not {@link java.net.InetAddress#getByName}: it falls back to a DNS lookup for anything that is
 * not a literal, so a client-supplied {@code ip=} or {@code X-Forwarded-For} entry could make the
 * tracker block on, and leak queries to, arbitrary names. Everything here is pure string work.
 * Parsers return {@code null} for anything that is not a literal; callers pick their own error.
 */
public final class IpLiterals {
    /** A BEP 7 endpoint: raw address bytes and a port, 0 when the text named none. */
    public record Endpoint(byte[] address, int port) {
    }

    private IpLiterals() {
    }

    /** The 4 or 16 bytes of an IPv4 or IPv6 literal, or {@code null}. */
    public static byte[] parse(CharSequence s) {
        return parse(s, 0, s.length());
    }

    /** The 4 or 16 bytes of the literal in {@code s[from, to)}, or {@code null}. */
    public static byte[] parse(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return parseV6(s, from, to);
            }
        }
        return parseV4(s, from, to);
    }

    /**
     * Strict dotted quad: exactly four decimal parts of 1-3 digits, each at most 255, no leading zeros.
     * Leading zeros are refused because {@code inet_aton} reads them as octal ({@code 010} = 8), so
     * accepting them would make us and a proxy disagree about the same text.
     */
    static byte[] parseV4(CharSequence s, int from, int to) {
        byte[] out = new byte[4];
        int i = from;
        for (int part = 0; part < 4; part++) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 3) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                v = v * 10 + d;
                i++;
            }
            int len = i - start;
            if (len == 0 || v > 255 || (len > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part] = (byte) v;
            if (part < 3) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    /**
     * RFC 4291 §2.2: up to eight groups of 1-4 hex digits, at most one {@code ::} standing for one or
     * more zero groups, optionally ending in a dotted quad. Zone ids ({@code %eth0}) are refused: they
     * mean nothing to a peer on another host.
     */
    static byte[] parseV6(CharSequence s, int from, int to) {
        if (to - from < 2) {
            return null;
        }
        byte[] out = new byte[16];
        int j = 0;
        int compressAt = -1;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return null;
            }
            compressAt = 0;
            i += 2;
        }
        while (i < to) {
            if (j == 16) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < to) {
                int h = hex(s.charAt(i));
                if (h < 0) {
                    break;
                }
                if (i - start == 4) {
                    return null;
                }
                v = (v << 4) | h;
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                if (j > 12) {
                    return null;
                }
                byte[] v4 = parseV4(s, start, to);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, j, 4);
                j += 4;
                break;
            }
            if (i == start) {
                return null;
            }
            out[j++] = (byte) (v >>> 8);
            out[j++] = (byte) v;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressAt >= 0) {
                    return null;
                }
                compressAt = j;
                i++;
            } else if (i == to) {
                return null;
            }
        }
        if (compressAt >= 0) {
            if (j == 16) {
                return null;
            }
            int tail = j - compressAt;
            System.arraycopy(out, compressAt, out, 16 - tail, tail);
            for (int k = compressAt; k < 16 - tail; k++) {
                out[k] = 0;
            }
        } else if (j != 16) {
            return null;
        }
        return out;
    }

    /**
     * A BEP 7 {@code ipv4=}/{@code ipv6=} value or an {@code X-Forwarded-For} entry: {@code a.b.c.d},
     * {@code a.b.c.d:port}, an IPv6 literal, {@code [v6]} or {@code [v6]:port} (RFC 2732). Returns
     * {@code null} when malformed, including a port outside 1..65535.
     */
    public static Endpoint parseEndpoint(CharSequence s, int from, int to) {
        if (from >= to) {
            return null;
        }
        if (s.charAt(from) == '[') {
            int close = -1;
            for (int i = from + 1; i < to; i++) {
                if (s.charAt(i) == ']') {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                return null;
            }
            byte[] a = parseV6(s, from + 1, close);
            if (a == null) {
                return null;
            }
            if (close == to - 1) {
                return new Endpoint(a, 0);
            }
            if (s.charAt(close + 1) != ':') {
                return null;
            }
            int port = parsePort(s, close + 2, to);
            return port < 0 ? null : new Endpoint(a, port);
        }
        int firstColon = -1;
        int colons = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                colons++;
                if (firstColon < 0) {
                    firstColon = i;
                }
            }
        }
        if (colons == 1) {
            byte[] a = parseV4(s, from, firstColon);
            int port = parsePort(s, firstColon + 1, to);
            return a == null || port < 0 ? null : new Endpoint(a, port);
        }
        byte[] a = parse(s, from, to);
        return a == null ? null : new Endpoint(a, 0);
    }

    public static Endpoint parseEndpoint(CharSequence s) {
        return parseEndpoint(s, 0, s.length());
    }

    /** 1..65535 in at most 5 decimal digits, else -1. */
    private static int parsePort(CharSequence s, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 5) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v >= 1 && v <= 65535 ? v : -1;
    }

    /**
     * RFC 5952 text: dotted quad for 4 bytes; for 16 bytes lower-case hex without leading zeros, the
     * longest run (first on a tie) of two or more zero groups as {@code ::}, and an IPv4-mapped address
     * as {@code ::ffff:a.b.c.d} (§5). Used for non-compact peer lists (BEP 3 {@code ip}).
     */
    public static String format(byte[] a, int off, int len) {
        StringBuilder sb = new StringBuilder(len == 4 ? 15 : 39);
        if (len == 4) {
            appendV4(sb, a, off);
            return sb.toString();
        }
        if (len != 16) {
            throw new IllegalArgumentException("not an IP address length: " + len);
        }
        if (AddressFamily.isV4Mapped(a, off)) {
            sb.append("::ffff:");
            appendV4(sb, a, off + 12);
            return sb.toString();
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int g = 0; g < 8; ) {
            if (group(a, off, g) != 0) {
                g++;
                continue;
            }
            int start = g;
            while (g < 8 && group(a, off, g) == 0) {
                g++;
            }
            if (g - start > bestLen) {
                bestStart = start;
                bestLen = g - start;
            }
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLen - 1;
                continue;
            }
            if (g > 0 && g != bestStart + bestLen) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group(a, off, g)));
        }
        return sb.toString();
    }

    public static String format(byte[] a) {
        return format(a, 0, a.length);
    }

    private static int group(byte[] a, int off, int g) {
        return ((a[off + 2 * g] & 0xff) << 8) | (a[off + 2 * g + 1] & 0xff);
    }

    private static void appendV4(StringBuilder sb, byte[] a, int off) {
        sb.append(a[off] & 0xff).append('.').append(a[off + 1] & 0xff).append('.')
                .append(a[off + 2] & 0xff).append('.').append(a[off + 3] & 0xff);
    }

    private static int hex(char c) {
        // ASCII hex only: HexFormat never accepts non-ASCII digits, unlike Character.digit.
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }
}
