package org.bittern.http;

import java.util.Objects;

/**
 * Encodes a tracker error the way BEP 3 defines it: HTTP 200 with the body
 * {@code d14:failure reason<len>:<reason>e}, the reason as UTF-8. Pass only {@link HttpErrors} texts
 * (via {@link org.bittern.bittorrent.ClientError#getMessage()}), never an arbitrary exception message.
 */
public final class FailureWriter {
    private static final String FAILURE_REASON = "failure reason";

    private FailureWriter() {
    }

    public static byte[] write(String reason) {
        Objects.requireNonNull(reason, "reason");
        // Exact for ASCII reasons (all of HttpErrors), so the buffer is handed over without a copy.
        int size = 2 + BencodeWriter.stringLength(FAILURE_REASON.length()) + BencodeWriter.stringLength(reason.length());
        return new BencodeWriter(size)
                .dictStart().key(FAILURE_REASON).string(reason).end()
                .detach();
    }
}
