package org.bittern.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.InfoHash;
import org.bittern.bittorrent.SwarmStats;
import org.bittern.store.AnnounceResult;
import org.bittern.store.PeerStore;
import org.bittern.store.StoreStats;
import org.bittern.store.memory.MemoryPeerStore;
import org.bittern.store.redis.RedisPeerStore;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class TrackerHealthTest {
    private static final Duration LIFETIME = Duration.ofMinutes(31);

    private static HealthCheckResponse check(PeerStore store) {
        TrackerHealth health = new TrackerHealth();
        health.store = store;
        health.application = new ApplicationStarted();
        health.application.markStarted();
        return health.call();
    }

    @Test
    void notReadyAndNotTouchingTheStoreUntilTheApplicationHasStarted() {
        TrackerHealth health = new TrackerHealth();
        health.store = new StatsRefusingStore(null); // any call on it would fail the test
        health.application = new ApplicationStarted();

        HealthCheckResponse response = health.call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).contains(java.util.Map.of("state", "starting"));
    }

    @Test
    void upWhileTheStoreAnswers() {
        try (PeerStore store = new MemoryPeerStore(Clock.systemUTC(), LIFETIME)) {
            HealthCheckResponse response = check(store);

            assertThat(response.getName()).isEqualTo("peer-store");
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        }
    }

    @Test
    void neverWalksTheSwarms() {
        // stats() walks every swarm of a Redis store: a probe every few seconds must not pay for that.
        try (PeerStore store = new StatsRefusingStore(new MemoryPeerStore(Clock.systemUTC(), LIFETIME))) {
            assertThat(check(store).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        }
    }

    @Test
    void downWithTheReasonWhenRedisCannotBeReached() throws IOException {
        int unused;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = probe.getLocalPort();
        }
        String uri = "redis://127.0.0.1:" + unused;
        try (PeerStore store = new RedisPeerStore(uri, "health:", Clock.systemUTC(), LIFETIME)) {
            long started = System.nanoTime();
            HealthCheckResponse response = check(store);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(response.getName()).isEqualTo("peer-store");
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData()).isEqualTo(Optional.of(Map.of("error", "StoreUnavailableException")));
        }
    }

    /** A working store whose {@link #stats()} fails the test. */
    private record StatsRefusingStore(PeerStore delegate) implements PeerStore {
        @Override
        public AnnounceResult announce(AnnounceRequest request, int numWant) {
            return delegate.announce(request, numWant);
        }

        @Override
        public List<SwarmStats> scrape(List<InfoHash> infoHashes) {
            return delegate.scrape(infoHashes);
        }

        @Override
        public void collectGarbage() {
            delegate.collectGarbage();
        }

        @Override
        public StoreStats stats() {
            throw new AssertionError("the readiness check read the store's stats");
        }

        @Override
        public List<SwarmStats> largestSwarms(int limit) {
            throw new AssertionError("the readiness check walked the swarms");
        }

        @Override
        public void checkAvailable() {
            delegate.checkAvailable();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
