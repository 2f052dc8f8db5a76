package org.bittern.udp;

/**
 * Every text the sidecar may send in a BEP 15 error packet. Only these constants (and the fixed texts of the
 * shared model's {@link org.bittern.bittorrent.ClientError}s) reach a client, never an exception message or
 * the client's own bytes, so an error packet is never longer than a few dozen bytes.
 */
public final class UdpErrors {
    private UdpErrors() {
    }

    public static final String BAD_CONNECTION_ID = "bad connection id";
    public static final String UNKNOWN_ACTION = "unknown action";
    public static final String TRUNCATED_ANNOUNCE = "malformed announce: shorter than 98 bytes";
    public static final String NO_INFO_HASH = "malformed scrape: no info_hash";
    public static final String PARTIAL_INFO_HASH = "malformed scrape: partial info_hash";
    public static final String INVALID_PORT = "invalid port: must be 1-65535";
    public static final String MALFORMED_OPTIONS = "malformed BEP 41 options";
    public static final String INTERNAL_ERROR = "internal server error";
}
