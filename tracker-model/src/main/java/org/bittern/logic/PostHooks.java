package org.bittern.logic;

import static org.bittern.config.ConfigValues.between;
import static org.bittern.config.ConfigValues.integer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;
import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.ScrapeResponse;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fires the post-hook events ({@link Announced}, {@link Scraped}) as asynchronous CDI events after a
 * frontend has written its response, so observers (statistics, persisted counts, audit) never delay a
 * client. Observers run on a small pool ({@code tracker.posthooks.threads}) with a bounded queue
 * ({@code tracker.posthooks.queue-size}): under overload new events are shed and counted ({@link #shed()}), never
 * queued without limit.
 */
@ApplicationScoped
public class PostHooks {

    public static final String THREADS_KEY = "tracker.posthooks.threads";
    public static final String QUEUE_SIZE_KEY = "tracker.posthooks.queue-size";
    static final int THREADS = 2;
    static final int QUEUE_CAPACITY = 10_000;

    private final Event<Announced> announced;
    private final Event<Scraped> scraped;
    private final LongAdder shed = new LongAdder();
    private final ThreadPoolExecutor executor;
    private final NotificationOptions options;
    private final boolean announceObserved;
    private final boolean scrapeObserved;

    /**
     * Observers are fixed once the container runs, so whether an event has any is decided here: a process
     * without post-hook observers then spends nothing per request on them.
     */
    @Inject
    public PostHooks(Event<Announced> announced, Event<Scraped> scraped, BeanManager beans) {
        this.announced = announced;
        this.scraped = scraped;
        Config config = ConfigProvider.getConfig();
        this.executor = boundedExecutor(shed, between(THREADS_KEY, integer(config, THREADS_KEY, THREADS), 1, 64),
                between(QUEUE_SIZE_KEY, integer(config, QUEUE_SIZE_KEY, QUEUE_CAPACITY), 1, 1_000_000));
        this.options = NotificationOptions.ofExecutor(executor);
        this.announceObserved = !beans.resolveObserverMethods(new Announced(null, null)).isEmpty();
        this.scrapeObserved = !beans.resolveObserverMethods(new Scraped(null, null)).isEmpty();
    }

    /** Required by CDI to proxy a normal-scoped bean; never used to fire events. */
    protected PostHooks() {
        this.announced = null;
        this.scraped = null;
        this.executor = null;
        this.options = null;
        this.announceObserved = false;
        this.scrapeObserved = false;
    }

    private static ThreadPoolExecutor boundedExecutor(LongAdder shed, int threads, int queueSize) {
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueSize),
                task -> {
                    Thread t = new Thread(task, "bittern-posthook-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                (task, executor) -> shed.increment());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public void afterAnnounce(AnnounceRequest request, AnnounceResponse response) {
        if (!announceObserved) {
            return;
        }
        announced.fireAsync(new Announced(request, response), options);
    }

    public void afterScrape(ScrapeRequest request, ScrapeResponse response) {
        if (!scrapeObserved) {
            return;
        }
        scraped.fireAsync(new Scraped(request, response), options);
    }

    /** Post-hook events dropped because observers could not keep up. */
    public long shed() {
        return shed.sum();
    }

    /** Events waiting for an observer thread. */
    public int pending() {
        return executor.getQueue().size();
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
