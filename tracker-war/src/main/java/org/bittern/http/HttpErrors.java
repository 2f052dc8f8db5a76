package org.bittern.http;

/**
 * Every text the HTTP frontend may send to a client as a bencoded {@code failure reason} (BEP 3: errors
 * are HTTP 200 with {@code d14:failure reason<len>:<text>e}). Kept in one place so that clients, tests
 * and operators see one fixed vocabulary: only these constants are ever wrapped in a
 * {@link org.bittern.bittorrent.ClientError} by this package, never an exception message or user input.
 */
public final class HttpErrors {
    private HttpErrors() {
    }

    // RawQuery: the query string itself (RFC 3986 §2.1 percent-encoding, §3.4 query)
    public static final String BAD_ESCAPE = "malformed query: bad percent escape";
    public static final String NON_ASCII_QUERY = "malformed query: non-ASCII character";
    public static final String QUERY_TOO_LONG = "query too long";

    // Announce and scrape (BEP 3, BEP 48)
    public static final String MISSING_INFO_HASH = "missing info_hash";
    public static final String INVALID_INFO_HASH = "invalid info_hash: must be 20 bytes";

    // Announce (BEP 3, BEP 7, BEP 23)
    public static final String MISSING_PEER_ID = "missing peer_id";
    public static final String INVALID_PEER_ID = "invalid peer_id: must be 20 bytes";
    public static final String MISSING_PORT = "missing port";
    public static final String INVALID_PORT = "invalid port: must be 1-65535";
    public static final String MISSING_UPLOADED = "missing uploaded";
    public static final String INVALID_UPLOADED = "invalid uploaded: must be an unsigned 64-bit integer";
    public static final String MISSING_DOWNLOADED = "missing downloaded";
    public static final String INVALID_DOWNLOADED = "invalid downloaded: must be an unsigned 64-bit integer";
    public static final String MISSING_LEFT = "missing left";
    public static final String INVALID_LEFT = "invalid left: must be an unsigned 64-bit integer";
    public static final String INVALID_EVENT = "invalid event: must be started, stopped, completed or empty";
    public static final String INVALID_NUMWANT = "invalid numwant";
    public static final String INVALID_COMPACT = "invalid compact";
    public static final String INVALID_IP = "invalid ip";

    /** For resources: any failure that is not a ClientError (its text must never reach the client). */
    public static final String INTERNAL_ERROR = "internal server error";
}
