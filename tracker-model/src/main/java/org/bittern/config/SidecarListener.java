package org.bittern.config;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.bittern.config.TrackerConfig.Keys;
import org.eclipse.microprofile.config.Config;

/**
 * Where the UDP sidecar serves its metrics, health and {@code /stats} ({@code tracker.udp.metrics}): read by the
 * sidecar, which listens there, and by the WAR, whose status page shows the sidecar's announce rate. Both read the
 * same YAML file, so they agree.
 */
public final class SidecarListener {

    public static final String DEFAULT = "127.0.0.1:6880";
    /** The value that turns the listener off. */
    public static final String OFF = "off";

    private SidecarListener() {
    }

    /**
     * @return empty when the listener is {@code off}
     * @throws ConfigException for anything but {@code host:port}, {@code [ipv6]:port} or {@code off}
     */
    public static Optional<InetSocketAddress> address(Config config) {
        String value = ConfigValues.string(config, Keys.UDP_METRICS).orElse(DEFAULT);
        return OFF.equals(value) ? Optional.empty() : Optional.of(ConfigValues.socketAddress(Keys.UDP_METRICS, value));
    }
}
