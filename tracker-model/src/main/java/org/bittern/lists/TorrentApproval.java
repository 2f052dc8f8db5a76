package org.bittern.lists;

import org.bittern.bittorrent.InfoHash;

/** The approval rule of {@code tracker.lists.mode}, as plain code. */
public final class TorrentApproval {

    /** What a refused client reads (issue 4). */
    public static final String REFUSAL = "unapproved torrent";

    private TorrentApproval() {
    }

    /**
     * @param list the snapshot of the mode's list, or null if none was ever loaded: then nothing is known to be
     *             approved, so both modes refuse (a deny list that cannot be read must not let its torrents through)
     */
    public static boolean approved(ListsMode mode, InfoHashSet list, InfoHash hash) {
        return switch (mode) {
            case OFF -> true;
            case ALLOW -> list != null && list.contains(hash);
            case DENY -> list != null && !list.contains(hash);
        };
    }
}
