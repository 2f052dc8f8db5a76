package org.bittern.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import org.bittern.bittorrent.InfoHash;

/**
 * Reads a list of info_hashes, one per line, as 40 hex digits (either case), from a stream of any length in a
 * fixed amount of memory. Lines end with LF or CRLF; spaces and tabs around a hash are ignored; blank lines and
 * lines starting with {@code #} are skipped. A line longer than {@link #MAX_LINE} characters is reported as
 * invalid without being held in memory.
 */
public final class HashLines {

    /** Longer than any valid line with generous whitespace around it. */
    public static final int MAX_LINE = 256;
    private static final int HEX_LENGTH = 2 * InfoHash.LENGTH;

    /**
     * One line that holds a hash or a mistake.
     *
     * @param number  1-based line number in the body
     * @param hash    the info_hash, or null if the line is invalid
     * @param problem why the line is invalid, or null
     */
    public record Line(long number, InfoHash hash, String problem) {
        public boolean valid() {
            return hash != null;
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private final byte[] line = new byte[MAX_LINE];
    private long lineNumber;
    private boolean end;

    public HashLines(InputStream in) {
        this.in = in;
    }

    /** @return the next line that is not blank or a comment, or null at the end of the stream */
    public Line next() throws IOException {
        while (!end) {
            int length = 0;
            boolean tooLong = false;
            boolean sawAny = false;
            int b;
            while ((b = read()) >= 0 && b != '\n') {
                sawAny = true;
                if (length < MAX_LINE) {
                    line[length++] = (byte) b;
                } else {
                    tooLong = true;
                }
            }
            if (b < 0) {
                end = true;
                if (!sawAny) {
                    return null;
                }
            }
            lineNumber++;
            if (tooLong) {
                return new Line(lineNumber, null, "longer than " + MAX_LINE + " characters");
            }
            int start = 0;
            while (start < length && blank(line[start])) {
                start++;
            }
            int stop = length;
            while (stop > start && (blank(line[stop - 1]) || line[stop - 1] == '\r')) {
                stop--;
            }
            if (stop == start || line[start] == '#') {
                continue;
            }
            String problem = hexProblem(line, start, stop);
            if (problem != null) {
                return new Line(lineNumber, null, problem);
            }
            return new Line(lineNumber, InfoHash.of(decode(line, start)), null);
        }
        return null;
    }

    /** Lines read so far, including skipped ones. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Why {@code hex} is not an info_hash in hex, or null if it is one. */
    public static String hexProblem(String hex) {
        if (hex.length() != HEX_LENGTH) {
            return "wrong length: " + hex.length() + " characters, expected " + HEX_LENGTH + " hex digits";
        }
        for (int i = 0; i < hex.length(); i++) {
            if (nibble(hex.charAt(i)) < 0) {
                return "not hex: '" + printable(hex.charAt(i)) + "' at column " + (i + 1);
            }
        }
        return null;
    }

    private static String hexProblem(byte[] text, int start, int stop) {
        if (stop - start != HEX_LENGTH) {
            return "wrong length: " + (stop - start) + " characters, expected " + HEX_LENGTH + " hex digits";
        }
        for (int i = start; i < stop; i++) {
            if (nibble((char) (text[i] & 0xff)) < 0) {
                return "not hex: '" + printable((char) (text[i] & 0xff)) + "' at column " + (i + 1);
            }
        }
        return null;
    }

    private static byte[] decode(byte[] text, int start) {
        byte[] bytes = new byte[InfoHash.LENGTH];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (nibble((char) text[start + 2 * i]) << 4 | nibble((char) text[start + 2 * i + 1]));
        }
        return bytes;
    }

    /** ASCII hex digits only ({@link HexFormat#isHexDigit}), -1 for anything else. */
    private static int nibble(char c) {
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }

    /** A character as it may be echoed in a problem: control and non-ASCII bytes as their code. */
    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f && c != '\'' ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == '\t';
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xff;
    }
}
