package org.bittern.udp;

/**
 * Wire constants of the UDP tracker protocol (BEP 15, https://www.bittorrent.org/beps/bep_0015.html) and of its
 * URL-data extension (BEP 41). All integers on the wire are big-endian.
 */
public final class Bep15 {
    private Bep15() {
    }

    /** BEP 15: the magic {@code protocol_id} a connect request carries in place of a connection id. */
    public static final long PROTOCOL_ID = 0x41727101980L;

    public static final int ACTION_CONNECT = 0;
    public static final int ACTION_ANNOUNCE = 1;
    public static final int ACTION_SCRAPE = 2;
    public static final int ACTION_ERROR = 3;

    /** Every request starts with connection_id (8), action (4), transaction_id (4); shorter datagrams are dropped. */
    public static final int REQUEST_HEADER_LENGTH = 16;
    /** Every response starts with action (4), transaction_id (4). */
    public static final int RESPONSE_HEADER_LENGTH = 8;
    /** Connect response: header, then connection_id (8). */
    public static final int CONNECT_RESPONSE_LENGTH = 16;

    /**
     * BEP 15 announce request: header (16), info_hash (20), peer_id (20), downloaded (8), left (8), uploaded (8),
     * event (4), IP address (4), key (4), num_want (4), port (2). BEP 41 options may follow.
     */
    public static final int ANNOUNCE_REQUEST_LENGTH = 98;
    public static final int ANNOUNCE_INFO_HASH = 16;
    public static final int ANNOUNCE_PEER_ID = 36;
    public static final int ANNOUNCE_DOWNLOADED = 56;
    public static final int ANNOUNCE_LEFT = 64;
    public static final int ANNOUNCE_UPLOADED = 72;
    public static final int ANNOUNCE_EVENT = 80;
    public static final int ANNOUNCE_IP = 84;
    public static final int ANNOUNCE_KEY = 88;
    public static final int ANNOUNCE_NUM_WANT = 92;
    public static final int ANNOUNCE_PORT = 96;

    /** Announce response: header, interval (4), leechers (4), seeders (4), then compact peers. */
    public static final int ANNOUNCE_RESPONSE_HEADER_LENGTH = 20;

    /** Scrape request: header, then info_hashes of 20 bytes each. */
    public static final int SCRAPE_ENTRY_LENGTH = 20;
    /** BEP 15: "Up to about 74 torrents can be scraped at once"; a full scrape answer then still fits 900 bytes. */
    public static final int SCRAPE_MAX_INFO_HASHES = 74;
    /** Scrape response entry: seeders (4), completed (4), leechers (4). */
    public static final int SCRAPE_RESPONSE_ENTRY_LENGTH = 12;

    /** BEP 41 option types: end of options and no-op carry no length byte; every other type has one. */
    public static final int OPTION_END = 0;
    public static final int OPTION_NOP = 1;
    public static final int OPTION_URL_DATA = 2;

    /**
     * The largest answer we send. It bounds each worker's output buffer; the peer sample is clipped to fit
     * (679 IPv4 or 226 IPv6 peers, far above any sensible {@code numwant}).
     */
    public static final int MAX_RESPONSE_LENGTH = 4096;

    /** Room for any error packet: the header and the longest fixed text (texts are a few dozen bytes). */
    public static final int MAX_ERROR_LENGTH = 256;

    /** A datagram buffer large enough for a full scrape or an announce with generous BEP 41 URL data. */
    public static final int MAX_REQUEST_LENGTH = 2048;
}
