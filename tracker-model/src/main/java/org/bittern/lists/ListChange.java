package org.bittern.lists;

import java.util.HexFormat;
import org.bittern.bittorrent.InfoHash;

/**
 * One notification of the {@value #CHANNEL} channel, sent by the trigger of {@code db/migration/V1__...sql}:
 * {@code <n>:+:<hex>:<list>} (now on that list), {@code <n>:-:<hex>} (gone) or {@code <n>:*} (reload all).
 *
 * @param hash null for a reload
 * @param list the list the row is now on; null for a removal or a reload
 */
record ListChange(InfoHash hash, ListKind list) {

    /** The channel the trigger notifies and every tracker process listens on. */
    static final String CHANNEL = "bittern_torrent_list";

    static final ListChange RELOAD = new ListChange(null, null);

    boolean reload() {
        return hash == null;
    }

    /**
     * @return the change; {@link #RELOAD} for a reload and for anything unreadable, so a payload from a newer schema
     *         costs a full read instead of a wrong snapshot
     */
    static ListChange parse(String payload) {
        if (payload == null) {
            return RELOAD;
        }
        String[] parts = payload.split(":", -1);
        try {
            if (parts.length == 4 && parts[1].equals("+") && parts[2].length() == 2 * InfoHash.LENGTH) {
                return new ListChange(InfoHash.of(HexFormat.of().parseHex(parts[2])), ListKind.ofSql(parts[3]));
            }
            if (parts.length == 3 && parts[1].equals("-") && parts[2].length() == 2 * InfoHash.LENGTH) {
                return new ListChange(InfoHash.of(HexFormat.of().parseHex(parts[2])), null);
            }
        } catch (IllegalArgumentException e) {
            return RELOAD;
        }
        return RELOAD;
    }
}
