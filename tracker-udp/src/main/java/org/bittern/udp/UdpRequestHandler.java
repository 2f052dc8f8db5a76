package org.bittern.udp;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bittern.bittorrent.AddressFamily;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.ScrapeResponse;
import org.bittern.logic.PostHooks;
import org.bittern.logic.Tracker;
import org.bittern.metrics.Action;
import org.bittern.metrics.Result;
import org.bittern.store.StoreUnavailableException;

/**
 * Answers one BEP 15 datagram: the protocol rules of the sidecar, without any I/O, so tests drive it with plain
 * buffers. Drops what deserves no answer (too short, connect without the magic), answers bad input with an
 * error packet, and hands valid announces and scrapes to the shared {@link Tracker}. Only {@link ClientError}
 * texts reach a client; anything else is logged and answered with {@link UdpErrors#INTERNAL_ERROR}.
 *
 * <p>With a remote peer store ({@code maxInFlight} above zero), an announce or scrape does not hold the worker while
 * the store answers: the worker takes the next datagram and the answer leaves through the transport's
 * {@link LateReplies} when it is ready, so one worker keeps many announces in flight (at most {@code maxInFlight},
 * {@code tracker.udp.max-in-flight}; beyond that a datagram is dropped and counted as overload, and the client
 * retries).
 *
 * <p>One instance per receive worker (it owns a {@link ConnectionIds} and remembers the last answer for its
 * post-hook); not thread-safe, except for the completion of asynchronous announces, which touches only
 * thread-safe parts (tracker, metrics, post-hooks, the in-flight counter).
 */
public final class UdpRequestHandler {
    private static final Logger LOG = Logger.getLogger(UdpRequestHandler.class.getName());
    private final Tracker tracker;
    private final PostHooks postHooks;
    private final SidecarMetrics metrics;
    private final ConnectionIds connectionIds;
    private final UdpAnnounceDecoder announceDecoder;
    private final LongSupplier epochSeconds;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    private AnnounceRequest announced;
    private AnnounceResponse announceAnswer;
    private ScrapeRequest scraped;
    private ScrapeResponse scrapeAnswer;

    public UdpRequestHandler(Tracker tracker, PostHooks postHooks, SidecarMetrics metrics,
            ConnectionIds connectionIds, boolean allowIpSpoofing, LongSupplier epochSeconds) {
        this(tracker, postHooks, metrics, connectionIds, allowIpSpoofing, epochSeconds, 0);
    }

    /**
     * @param maxInFlight above zero: answer announces and scrapes when the store has answered, without holding the
     *                    worker, with at most this many waiting (the store client bounds its queue too); zero: every
     *                    answer is immediate (the memory store)
     */
    public UdpRequestHandler(Tracker tracker, PostHooks postHooks, SidecarMetrics metrics,
            ConnectionIds connectionIds, boolean allowIpSpoofing, LongSupplier epochSeconds, int maxInFlight) {
        this.tracker = tracker;
        this.postHooks = postHooks;
        this.metrics = metrics;
        this.connectionIds = connectionIds;
        this.announceDecoder = new UdpAnnounceDecoder(allowIpSpoofing);
        this.epochSeconds = epochSeconds;
        if (maxInFlight < 0) {
            throw new IllegalArgumentException("maxInFlight " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    /** {@link #handle(ByteBuffer, byte[], ByteBuffer, InetSocketAddress, LateReplies)} where every answer is immediate. */
    public boolean handle(ByteBuffer in, byte[] address, ByteBuffer out) {
        return handle(in, address, out, null, null);
    }

    /**
     * @param in      the datagram, from 0 to its limit
     * @param address the client's address, 4 or 16 bytes (IPv4-mapped addresses already turned into IPv4)
     * @param out     receives an immediate answer, flipped for sending
     * @param client  where a late answer goes (with {@code maxInFlight} above zero)
     * @param late    sends a late answer (with {@code maxInFlight} above zero)
     * @return whether {@code out} holds an answer to send now; false means nothing to send now (dropped, or
     *         answered later through {@code late})
     */
    public boolean handle(ByteBuffer in, byte[] address, ByteBuffer out, InetSocketAddress client, LateReplies late) {
        if (in.limit() < Bep15.REQUEST_HEADER_LENGTH) {
            metrics.dropped(DropReason.TOO_SHORT);
            return false;
        }
        long connectionId = in.getLong(0);
        int action = in.getInt(8);
        int transactionId = in.getInt(12);
        long now = epochSeconds.getAsLong();
        if (action == Bep15.ACTION_CONNECT) {
            if (connectionId != Bep15.PROTOCOL_ID) {
                metrics.dropped(DropReason.BAD_MAGIC);
                return false;
            }
            UdpResponseWriter.connect(out, transactionId, connectionIds.issue(address, address.length, now));
            metrics.connected();
            return true;
        }
        if (action != Bep15.ACTION_ANNOUNCE && action != Bep15.ACTION_SCRAPE) {
            metrics.rejected(RejectReason.UNKNOWN_ACTION);
            UdpResponseWriter.error(out, transactionId, UdpErrors.UNKNOWN_ACTION);
            return true;
        }
        if (!connectionIds.isValid(connectionId, address, address.length, now)) {
            metrics.rejected(RejectReason.BAD_CONNECTION_ID);
            UdpResponseWriter.error(out, transactionId, UdpErrors.BAD_CONNECTION_ID);
            return true;
        }
        if (action == Bep15.ACTION_ANNOUNCE) {
            if (maxInFlight > 0 && late != null) {
                return announceLater(in, address, out, transactionId, client, late);
            }
            announce(in, address, out, transactionId);
        } else {
            if (maxInFlight > 0 && late != null) {
                return scrapeLater(in, address, out, transactionId, client, late);
            }
            scrape(in, address, out, transactionId);
        }
        return true;
    }

    private void announce(ByteBuffer in, byte[] address, ByteBuffer out, int transactionId) {
        long start = System.nanoTime();
        AddressFamily family = AddressFamily.ofAddressLength(address.length);
        Result result = Result.OK;
        try {
            AnnounceRequest request = announceDecoder.decode(in, address);
            AnnounceResponse response = tracker.announce(request);
            UdpResponseWriter.announce(out, transactionId, response, family);
            announced = request;
            announceAnswer = response;
        } catch (RuntimeException e) {
            result = fail(Action.ANNOUNCE, e, out, transactionId);
        }
        metrics.request(Action.ANNOUNCE, family, result, System.nanoTime() - start);
    }

    private boolean announceLater(ByteBuffer in, byte[] address, ByteBuffer out, int transactionId,
            InetSocketAddress client, LateReplies late) {
        return later(Action.ANNOUNCE, address, out, transactionId, client, late, () -> {
            AnnounceRequest request = announceDecoder.decode(in, address);
            return new Started<>(tracker.announceAsync(request), response -> postHooks.afterAnnounce(request, response));
        }, (response, family) -> {
            ByteBuffer answer = ByteBuffer.allocate(UdpResponseWriter.announceLength(response, family));
            UdpResponseWriter.announce(answer, transactionId, response, family);
            return answer;
        });
    }

    private boolean scrapeLater(ByteBuffer in, byte[] address, ByteBuffer out, int transactionId,
            InetSocketAddress client, LateReplies late) {
        AddressFamily requester = AddressFamily.ofAddressLength(address.length);
        return later(Action.SCRAPE, address, out, transactionId, client, late, () -> {
            ScrapeRequest request = UdpScrapeDecoder.decode(in, requester);
            return new Started<>(tracker.scrapeAsync(request), response -> postHooks.afterScrape(request, response));
        }, (response, family) -> {
            ByteBuffer answer = ByteBuffer.allocate(Bep15.RESPONSE_HEADER_LENGTH
                    + response.files().size() * Bep15.SCRAPE_RESPONSE_ENTRY_LENGTH);
            UdpResponseWriter.scrape(answer, transactionId, response);
            return answer;
        });
    }

    /** A request handed to the tracker: its pending answer, and the post-hook to run once that is sent. */
    private record Started<T>(CompletionStage<T> answer, Consumer<T> postHook) {
    }

    /**
     * Answers at once only what fails before the store is asked (bad input, a middleware refusal); otherwise,
     * when the answer completes (on the store client's thread), writes it or its error packet into a buffer of
     * its own, records the request, sends it through {@code late}, then runs the post-hook.
     *
     * @return whether {@code out} holds an immediate answer
     */
    private <T> boolean later(Action action, byte[] address, ByteBuffer out, int transactionId,
            InetSocketAddress client, LateReplies late, Supplier<Started<T>> start,
            BiFunction<T, AddressFamily, ByteBuffer> writer) {
        long startNanos = System.nanoTime();
        AddressFamily family = AddressFamily.ofAddressLength(address.length);
        if (inFlight.get() >= maxInFlight) {
            metrics.dropped(DropReason.OVERLOAD);
            return false;
        }
        Started<T> started;
        try {
            started = start.get();
        } catch (RuntimeException e) {
            metrics.request(action, family, fail(action, e, out, transactionId), System.nanoTime() - startNanos);
            return true;
        }
        inFlight.incrementAndGet();
        started.answer().whenComplete((response, error) -> {
            Result result = Result.OK;
            ByteBuffer answer;
            try {
                if (error == null) {
                    answer = writer.apply(response, family);
                } else {
                    answer = ByteBuffer.allocate(Bep15.MAX_ERROR_LENGTH);
                    result = fail(action, unwrap(error), answer, transactionId);
                }
                metrics.request(action, family, result, System.nanoTime() - startNanos);
                late.send(answer, client);
            } finally {
                // Only once the answer is handed to the socket: a stopping transport waits for this count.
                inFlight.decrementAndGet();
            }
            if (error == null) {
                try {
                    started.postHook().accept(response);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "post-hook failed", e);
                }
            }
        });
        return false;
    }

    private static RuntimeException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }

    private void scrape(ByteBuffer in, byte[] address, ByteBuffer out, int transactionId) {
        long start = System.nanoTime();
        AddressFamily family = AddressFamily.ofAddressLength(address.length);
        Result result = Result.OK;
        try {
            ScrapeRequest request = UdpScrapeDecoder.decode(in, family);
            ScrapeResponse response = tracker.scrape(request);
            UdpResponseWriter.scrape(out, transactionId, response);
            scraped = request;
            scrapeAnswer = response;
        } catch (RuntimeException e) {
            result = fail(Action.SCRAPE, e, out, transactionId);
        }
        metrics.request(Action.SCRAPE, family, result, System.nanoTime() - start);
    }

    private static Result fail(Action action, RuntimeException e, ByteBuffer out, int transactionId) {
        if (e instanceof StoreUnavailableException) {
            UdpResponseWriter.error(out, transactionId, e.getMessage());
            return Result.UNAVAILABLE;
        }
        if (e instanceof ClientError) {
            UdpResponseWriter.error(out, transactionId, e.getMessage());
            return Result.CLIENT_ERROR;
        }
        LOG.log(Level.WARNING, "UDP " + action.label() + " failed", e);
        UdpResponseWriter.error(out, transactionId, UdpErrors.INTERNAL_ERROR);
        return Result.ERROR;
    }

    /** Requests handed to a remote store whose answers have not gone out yet. Thread-safe. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Sends what this worker asked of a remote store since the last call; transports call it after each batch. */
    public void flush() {
        if (maxInFlight > 0) {
            tracker.flush();
        }
    }

    /** Fires the post-hook of the answer just sent, if it was a successful announce or scrape (design §2). */
    public void afterSend() {
        try {
            if (announced != null) {
                postHooks.afterAnnounce(announced, announceAnswer);
            } else if (scraped != null) {
                postHooks.afterScrape(scraped, scrapeAnswer);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "post-hook failed", e);
        } finally {
            announced = null;
            announceAnswer = null;
            scraped = null;
            scrapeAnswer = null;
        }
    }
}
