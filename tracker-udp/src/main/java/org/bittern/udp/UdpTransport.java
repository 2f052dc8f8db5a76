package org.bittern.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * How the sidecar's sockets are served ({@code tracker.udp.transport}): {@link NioUdpServer} (plain Java, two
 * system calls per datagram) or {@link EpollUdpServer} (Netty's native epoll, batched system calls).
 */
public interface UdpTransport extends AutoCloseable {
    /** How long closing waits for workers to finish the datagrams in hand. */
    long JOIN_MILLIS = 5_000;

    /** Binds every socket of {@code tracker.udp.listen} and starts serving. */
    void start() throws IOException;

    /** The addresses actually bound (a configured port 0 replaced by the chosen one), in configuration order. */
    List<InetSocketAddress> boundAddresses();

    /** Whether every worker still serves (a liveness check). */
    boolean isRunning();

    /** Stops receiving, answers what is in hand, and waits for the workers (bounded). */
    @Override
    void close();
}
