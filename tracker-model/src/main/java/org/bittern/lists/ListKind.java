package org.bittern.lists;

import java.util.Locale;

/** Which list a row of {@code torrent_list} is on; stored as {@code allow} or {@code deny}. */
public enum ListKind {
    ALLOW,
    DENY;

    /** The value in the {@code list} column and in notifications. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException unless {@code allow} or {@code deny} */
    public static ListKind ofSql(String value) {
        return switch (value) {
            case "allow" -> ALLOW;
            case "deny" -> DENY;
            default -> throw new IllegalArgumentException("list must be allow or deny, got " + value);
        };
    }
}
