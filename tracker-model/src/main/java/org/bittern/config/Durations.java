package org.bittern.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duration values in configuration (design §7): a short form {@code 500ms}, {@code 5s}, {@code 30m}, {@code 2h},
 * {@code 1d}, also combined largest unit first ({@code 1h30m}), or ISO-8601 ({@code PT30M}, {@code P1D}).
 * Units are lower case (an upper-case {@code M} could be read as months); a bare number is rejected because its
 * unit would be a guess. Negative durations are rejected.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(?:[0-9]+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    /** Order of the units in the short form; each may appear once, largest first. */
    private static final String[] UNIT_ORDER = {"d", "h", "m", "s", "ms"};
    private static final String EXPECTED = "must be a duration like 30m, 5s, 2h, 1d, 500ms or ISO-8601 PT30M";

    private Durations() {
    }

    /**
     * Parses a configuration duration.
     *
     * @param key   the configuration key, used only in the error message
     * @param value the text; surrounding whitespace is ignored
     * @return a non-negative duration
     * @throws ConfigException {@code <key>: <reason>} for anything else; never another exception
     */
    public static Duration parse(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, EXPECTED + ", got an empty value");
        }
        String text = value.strip();
        if (text.startsWith("-")) {
            throw new ConfigException(key, "must not be negative, got " + ConfigException.quote(text));
        }
        Duration result;
        if (SHORT.matcher(text).matches()) {
            result = parseShort(key, text);
        } else if (text.length() > 1 && (text.charAt(0) == 'P' || text.charAt(0) == 'p')) {
            result = parseIso(key, text);
        } else if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ConfigException(key, EXPECTED + " (a unit is required), got " + ConfigException.quote(text));
        } else {
            throw new ConfigException(key, EXPECTED + ", got " + ConfigException.quote(text));
        }
        if (result.isNegative()) {
            throw new ConfigException(key, "must not be negative, got " + ConfigException.quote(text));
        }
        return result;
    }

    private static Duration parseShort(String key, String text) {
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int lastUnit = -1;
        try {
            while (m.find()) {
                int unit = unitIndex(m.group(2));
                if (unit <= lastUnit) {
                    throw new ConfigException(key, "units must appear once each, largest first (e.g. 1h30m), got "
                            + ConfigException.quote(text));
                }
                lastUnit = unit;
                long n = Long.parseLong(m.group(1));
                Duration part = switch (m.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "s" -> Duration.ofSeconds(n);
                    default -> Duration.ofMillis(n);
                };
                total = total.plus(part);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(key, "is too large, got " + ConfigException.quote(text));
        }
        return total;
    }

    private static Duration parseIso(String key, String text) {
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) { // DateTimeParseException, ArithmeticException on overflow
            throw new ConfigException(key, EXPECTED + ", got " + ConfigException.quote(text));
        }
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNIT_ORDER.length; i++) {
            if (UNIT_ORDER[i].equals(unit)) {
                return i;
            }
        }
        throw new AssertionError(unit);
    }

    /**
     * Renders a duration in the short form where exact ({@code 30m}, {@code 1500ms}), otherwise ISO-8601; for
     * messages and logs. {@code parse(key, format(d)).equals(d)} holds for every non-negative duration.
     */
    public static String format(Duration d) {
        if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        long seconds = d.getSeconds();
        if (d.getNano() != 0) {
            try {
                return Math.addExact(Math.multiplyExact(seconds, 1000L), d.getNano() / 1_000_000) + "ms";
            } catch (ArithmeticException e) {
                return d.toString();
            }
        }
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
