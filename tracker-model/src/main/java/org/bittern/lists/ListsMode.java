package org.bittern.lists;

/** {@code tracker.lists.mode}: which torrents the tracker serves. */
public enum ListsMode {
    /** Every torrent; the lists are not read at all. */
    OFF(null),
    /** Only torrents on the allow list. */
    ALLOW(ListKind.ALLOW),
    /** Every torrent except those on the deny list. */
    DENY(ListKind.DENY);

    private final ListKind list;

    ListsMode(ListKind list) {
        this.list = list;
    }

    /** The list this mode consults; null for {@link #OFF}. */
    public ListKind list() {
        return list;
    }
}
