package org.bittern.admin.torrent;

import org.bittern.http.BencodeWriter;

/** .torrent files built by the tests. */
public final class TorrentFiles {
    private TorrentFiles() {
    }

    /** A single-file v1 torrent, keys in the sorted order BEP 3 requires; its info dictionary ends one byte early. */
    public static byte[] torrent(String name, byte[] pieces) {
        return new BencodeWriter().dictStart()
                .key("announce").string("http://127.0.0.1:6969/announce")
                .key("info").dictStart()
                .key("length").intValue(12345)
                .key("name").string(name)
                .key("piece length").intValue(16384)
                .key("pieces").bytes(pieces, 0, pieces.length)
                .end()
                .end().toByteArray();
    }
}
