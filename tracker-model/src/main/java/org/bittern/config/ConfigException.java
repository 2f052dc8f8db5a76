package org.bittern.config;

import java.util.Objects;

/**
 * An invalid configuration value. The message is always exactly one line, {@code <key>: <reason>}, e.g.
 * {@code tracker.numwant.max: must be at least 1, got 0}, so that a failed start shows the operator what to fix
 * without a stack trace (design §7).
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Longest value echoed by {@link #quote}; longer values are cut with an ellipsis. */
    private static final int MAX_QUOTED = 60;

    private final String key;
    private final String reason;

    /**
     * For a message already in the form {@code <key>: <reason>}; the part before the first {@code ": "} becomes
     * the key (a message without it is all reason, with an empty key).
     */
    public ConfigException(String message) {
        this(keyOf(message), reasonOf(message), null);
    }

    public ConfigException(String key, String reason) {
        this(key, reason, null);
    }

    public ConfigException(String key, String reason, Throwable cause) {
        super(message(Objects.requireNonNull(key, "key"), Objects.requireNonNull(reason, "reason")), cause);
        this.key = oneLine(key);
        this.reason = oneLine(reason);
    }

    private static String message(String key, String reason) {
        return key.isBlank() ? oneLine(reason) : oneLine(key) + ": " + oneLine(reason);
    }

    private static String keyOf(String message) {
        int i = Objects.requireNonNull(message, "message").indexOf(": ");
        return i < 0 ? "" : message.substring(0, i);
    }

    private static String reasonOf(String message) {
        int i = message.indexOf(": ");
        return i < 0 ? message : message.substring(i + 2);
    }

    /** The configuration key (or, for a file problem, the setting that names the file). */
    public String key() {
        return key;
    }

    /** The reason, without the key. */
    public String reason() {
        return reason;
    }

    /**
     * A value as it may appear in a message: single-quoted, control characters escaped, cut after 60 characters.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('\'');
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            if (n == MAX_QUOTED) {
                sb.append("...");
                break;
            }
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
            n++;
        }
        return sb.append('\'').toString();
    }

    /** Collapses line breaks (and the whitespace around them) into single spaces. */
    static String oneLine(String s) {
        return s.strip().replaceAll("\\s*[\\r\\n\\u0085\\u2028\\u2029]+\\s*", " ");
    }
}
