package org.bittern.udp.e2e;

import java.net.InetSocketAddress;
import java.util.List;

/** One protocol's door into the shared swarms: the WAR over HTTP or the sidecar over UDP, spoken by the test. */
interface TrackerEndpoint {

    default AnnounceAnswer announce(byte[] infoHash, byte[] peerId, int port, long left, Event event)
            throws Exception {
        return announce(infoHash, peerId, port, left, event, null);
    }

    /** The same with a {@code jwt} request parameter, as {@link #announceOutcome(byte[], byte[], int, long, Event, String)}. */
    AnnounceAnswer announce(byte[] infoHash, byte[] peerId, int port, long left, Event event, String jwt)
            throws Exception;

    /**
     * An announce whose answer may be a refusal: the tracker's failure text (BEP 3 {@code failure reason}, BEP 15
     * error packet), or the intervals it gave.
     */
    default Outcome announceOutcome(byte[] infoHash, byte[] peerId, int port, long left, Event event)
            throws Exception {
        return announceOutcome(infoHash, peerId, port, left, event, null);
    }

    /**
     * The same with a {@code jwt} request parameter (HTTP query, or BEP 41 URL data over UDP); none when
     * {@code jwt} is null.
     */
    Outcome announceOutcome(byte[] infoHash, byte[] peerId, int port, long left, Event event, String jwt)
            throws Exception;

    /** Counts per requested hash, in request order. */
    List<ScrapeCounts> scrape(List<byte[]> infoHashes) throws Exception;

    /** The event of an announce, with its UDP code (BEP 15) and HTTP value (BEP 3). */
    enum Event {
        NONE(0, null), COMPLETED(1, "completed"), STARTED(2, "started"), STOPPED(3, "stopped");

        final int udpCode;
        final String httpValue;

        Event(int udpCode, String httpValue) {
            this.udpCode = udpCode;
            this.httpValue = httpValue;
        }
    }

    /** What an announce answered; peers in the order the tracker sent them. */
    record AnnounceAnswer(long seeders, long leechers, List<InetSocketAddress> peers) {
    }

    /**
     * @param refusal     the failure text, null when the announce was answered
     * @param minInterval {@link #NO_MIN_INTERVAL} over UDP, whose answer has none (BEP 15)
     */
    record Outcome(String refusal, int interval, int minInterval) {
        static final int NO_MIN_INTERVAL = -1;

        static Outcome refused(String text) {
            return new Outcome(text, 0, NO_MIN_INTERVAL);
        }
    }

    record ScrapeCounts(long seeders, long leechers, long downloaded) {
    }
}
