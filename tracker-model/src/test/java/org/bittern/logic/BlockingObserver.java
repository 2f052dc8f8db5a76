package org.bittern.logic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A slow post-hook observer: waits on {@link #release} so tests can fill the bounded queue. */
@ApplicationScoped
public class BlockingObserver {
    static volatile CountDownLatch release = new CountDownLatch(0);
    static final AtomicInteger SEEN = new AtomicInteger();
    static volatile String threadName;

    void onAnnounce(@ObservesAsync Announced event) throws InterruptedException {
        threadName = Thread.currentThread().getName();
        release.await(30, TimeUnit.SECONDS);
        SEEN.incrementAndGet();
    }
}
