package org.bittern.udp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.ScrapeRequest;

/** Decodes a BEP 15 scrape request: the header, then one or more 20-byte info_hashes. */
public final class UdpScrapeDecoder {
    private UdpScrapeDecoder() {
    }

    /**
     * At most {@link Bep15#SCRAPE_MAX_INFO_HASHES} are taken (the tracker cuts further to its configured maximum),
     * like the HTTP scrape's cut-off.
     *
     * @throws ClientError when there is no info_hash or the last one is cut short
     */
    public static ScrapeRequest decode(ByteBuffer in, AddressFamily family) {
        int body = in.limit() - Bep15.REQUEST_HEADER_LENGTH;
        if (body <= 0) {
            throw new ClientError(UdpErrors.NO_INFO_HASH);
        }
        if (body % Bep15.SCRAPE_ENTRY_LENGTH != 0) {
            throw new ClientError(UdpErrors.PARTIAL_INFO_HASH);
        }
        int count = Math.min(body / Bep15.SCRAPE_ENTRY_LENGTH, Bep15.SCRAPE_MAX_INFO_HASHES);
        List<InfoHash> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hashes.add(InfoHash.of(in.array(),
                    in.arrayOffset() + Bep15.REQUEST_HEADER_LENGTH + i * Bep15.SCRAPE_ENTRY_LENGTH));
        }
        return new ScrapeRequest(hashes, family, null);
    }
}
