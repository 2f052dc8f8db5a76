package org.bittern.http;

import java.util.Arrays;
import java.util.Comparator;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.bittorrent.SwarmStats;

/**
 * Encodes a {@link ScrapeResponse} (BEP 48): {@code d5:filesd<20-byte info_hash>d8:completei..e
 * 10:downloadedi..e10:incompletei..ee...ee}. The {@code files} keys are the raw 20-byte hashes, so BEP 3's
 * sorted-key rule means sorting by unsigned byte order (not request order, not hex text); a hash given
 * twice is written once, since a dictionary cannot repeat a key.
 */
public final class ScrapeResponseWriter {
    private static final String FILES = "files";
    private static final String COMPLETE = "complete";
    private static final String DOWNLOADED = "downloaded";
    private static final String INCOMPLETE = "incomplete";

    /** Hash key (23), three counters with keys (at most 3 * 35), framing. */
    private static final int PER_FILE = 132;

    private static final Comparator<SwarmStats> BY_RAW_HASH = Comparator.comparing(SwarmStats::infoHash);

    private ScrapeResponseWriter() {
    }

    public static byte[] write(ScrapeResponse r) {
        SwarmStats[] files = r.files().toArray(new SwarmStats[0]);
        Arrays.sort(files, BY_RAW_HASH); // InfoHash orders by unsigned bytes, i.e. raw string order
        BencodeWriter w = new BencodeWriter(16 + files.length * PER_FILE);
        byte[] key = new byte[InfoHash.LENGTH];
        w.dictStart().key(FILES).dictStart();
        InfoHash previous = null;
        for (SwarmStats s : files) {
            if (s.infoHash().equals(previous)) {
                continue;
            }
            previous = s.infoHash();
            previous.copyTo(key, 0);
            w.key(key, 0, InfoHash.LENGTH).dictStart()
                    .key(COMPLETE).intValue(s.complete())
                    .key(DOWNLOADED).intValue(s.downloaded())
                    .key(INCOMPLETE).intValue(s.incomplete())
                    .end();
        }
        return w.end().end().detach();
    }
}
