package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.bittern.config.ConfigException;
import org.junit.jupiter.api.Test;

class UdpConfigTest {

    @Test
    void defaultsListenOnBothFamiliesAndGenerateAKey() {
        UdpConfig c = UdpConfig.from(config(Map.of()));

        assertThat(c.listen()).containsExactly(new InetSocketAddress("0.0.0.0", 6969), new InetSocketAddress("::", 6969));
        assertThat(c.keyGenerated()).isTrue();
        assertThat(c.privateKey()).hasSize(32);
        assertThat(c.connectionIdLifetime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.acceptedIdAgeSeconds()).isEqualTo(150);
        assertThat(c.metrics()).isEqualTo(new InetSocketAddress("127.0.0.1", 6880));
        assertThat(c.transport()).as("this build machine is Linux x86_64").isEqualTo(UdpConfig.TRANSPORT_EPOLL);
        assertThat(c.maxInFlight()).isEqualTo(4096);
        assertThat(UdpConfig.from(config(Map.of("tracker.udp.max-in-flight", "64"))).maxInFlight()).isEqualTo(64);
    }

    @Test
    void aConfiguredKeyIsUsedAndNeverPrinted() {
        UdpConfig c = UdpConfig.from(config(Map.of("tracker.udp.private-key", "correct horse battery staple",
                "tracker.udp.metrics", "off", "tracker.udp.listen", "[::1]:7000")));

        assertThat(c.keyGenerated()).isFalse();
        assertThat(c.metrics()).isNull();
        assertThat(c.listen()).containsExactly(new InetSocketAddress("::1", 7000));
        assertThat(c.toString()).doesNotContain("horse").contains(c.keyFingerprint());
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> UdpConfig.from(config(Map.of("tracker.udp.private-key", "short"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("tracker.udp.private-key:")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> UdpConfig.from(config(Map.of("tracker.udp.listen", "::1:6969"))))
                .hasMessageStartingWith("tracker.udp.listen: an IPv6 address needs brackets");
        assertThatThrownBy(() -> UdpConfig.from(config(Map.of("tracker.udp.listen", "127.0.0.1:70000"))))
                .hasMessageStartingWith("tracker.udp.listen: port must be 0-65535");
        assertThatThrownBy(() -> UdpConfig.from(config(Map.of("tracker.udp.connection-id-lifetime", "1s"))))
                .hasMessageStartingWith("tracker.udp.connection-id-lifetime: must be between 10s and 1d");
        assertThatThrownBy(() -> UdpConfig.from(config(Map.of("tracker.udp.workers", "0"))))
                .hasMessageStartingWith("tracker.udp.workers: must be between 1 and 256");
        assertThatThrownBy(() -> UdpConfig.from(config(Map.of("tracker.udp.transport", "io_uring"))))
                .hasMessage("tracker.udp.transport: must be nio or epoll, got 'io_uring'");
        assertThatThrownBy(() -> UdpConfig.from(config(Map.of("tracker.udp.max-in-flight", "0"))))
                .hasMessageStartingWith("tracker.udp.max-in-flight: must be between 1 and 1048576");
        assertThatThrownBy(() -> UdpConfig.from(config(Map.of("tracker.udp.metrics", "nohost"))))
                .hasMessageStartingWith("tracker.udp.metrics: expected host:port");
    }
}
