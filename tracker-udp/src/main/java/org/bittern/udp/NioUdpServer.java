package org.bittern.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bittern.bittorrent.AddressFamily;

/**
 * The {@code nio} transport: serves BEP 15 on every address of {@code tracker.udp.listen}. Each address gets {@code tracker.udp.workers}
 * sockets bound with {@code SO_REUSEPORT}, so the kernel spreads clients over them, and each socket has one
 * thread that receives, answers and sends with buffers allocated once. The only queue is each socket's receive
 * buffer ({@code tracker.udp.receive-buffer}): under overload the kernel drops there and counts it
 * ({@code RcvbufErrors} in /proc/net/snmp), nothing grows inside the JVM.
 */
public final class NioUdpServer implements UdpTransport {
    private static final Logger LOG = Logger.getLogger(NioUdpServer.class.getName());

    private final UdpConfig config;
    private final Supplier<UdpRequestHandler> handlers;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private volatile boolean closing;

    /** @param handlers makes one handler per worker (handlers are not thread-safe) */
    public NioUdpServer(UdpConfig config, Supplier<UdpRequestHandler> handlers) {
        this.config = config;
        this.handlers = handlers;
    }

    /** Binds every socket, then starts the workers; a bind failure closes what was opened and is rethrown. */
    @Override
    public synchronized void start() throws IOException {
        try {
            for (InetSocketAddress address : config.listen()) {
                InetSocketAddress actual = address;
                for (int i = 0; i < config.workers(); i++) {
                    DatagramChannel channel = open(actual);
                    channels.add(channel);
                    if (i == 0) {
                        // With port 0 the first bind picks the port; the other workers must share it.
                        actual = (InetSocketAddress) channel.getLocalAddress();
                        bound.add(actual);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        for (DatagramChannel channel : channels) {
            Worker worker = new Worker(channel, handlers.get());
            worker.thread = new Thread(worker::serve, "bittern-udp-" + describe(channel) + "-" + workers.size());
            workers.add(worker);
            worker.thread.start();
        }
        LOG.info(() -> "UDP tracker listening on " + bound + " with " + config.workers() + " worker(s) each");
    }

    private DatagramChannel open(InetSocketAddress address) throws IOException {
        ProtocolFamily family = address.getAddress().getAddress().length == 4
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            // Also lets 0.0.0.0:P and a dual-stack [::]:P coexist; the kernel hashes each client to one socket.
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
            channel.bind(address);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException("cannot listen on UDP " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !closing && !workers.isEmpty() && workers.stream().allMatch(w -> w.thread.isAlive());
    }

    @Override
    public synchronized List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** One socket and the thread that serves it. */
    private final class Worker {
        final DatagramChannel channel;
        final UdpRequestHandler handler;
        final LateReplies late;
        Thread thread;
        /** Set while a datagram is in hand, so that shutdown lets its answer go out before closing the socket. */
        volatile boolean busy;

        Worker(DatagramChannel channel, UdpRequestHandler handler) {
            this.channel = channel;
            this.handler = handler;
            // A DatagramChannel sends from any thread (sends are serialised by the channel itself).
            this.late = (answer, client) -> {
                try {
                    channel.send(answer, client);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "UDP send failed", e);
                }
            };
        }

        void serve() {
            ByteBuffer in = ByteBuffer.allocate(Bep15.MAX_REQUEST_LENGTH);
            ByteBuffer out = ByteBuffer.allocate(Bep15.MAX_RESPONSE_LENGTH);
            while (!closing) {
                try {
                    in.clear();
                    SocketAddress from = channel.receive(in);
                    busy = true;
                    if (closing) {
                        busy = false;
                        break; // arrived while stopping: left unanswered, like any datagram after the stop
                    }
                    in.flip();
                    InetSocketAddress client = (InetSocketAddress) from;
                    try {
                        if (handler.handle(in, clientAddress(client), out, client, late)) {
                            channel.send(out, client);
                        }
                    } finally {
                        handler.afterSend();
                        handler.flush(); // one datagram per receive: nothing to batch a remote store's request with
                        busy = false;
                    }
                } catch (ClosedChannelException e) {
                    break;
                } catch (IOException e) {
                    // One bad send (e.g. an unroutable client address) must not stop the worker.
                    LOG.log(Level.FINE, "UDP I/O error", e);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "UDP worker error", e);
                }
            }
        }
    }

    /** 4 bytes for IPv4 clients, including those reaching a dual-stack socket as ::ffff:a.b.c.d. */
    static byte[] clientAddress(InetSocketAddress client) {
        byte[] raw = client.getAddress().getAddress();
        if (raw.length == 16 && AddressFamily.isV4Mapped(raw, 0)) {
            return Arrays.copyOfRange(raw, 12, 16);
        }
        return raw;
    }

    private static String describe(DatagramChannel channel) {
        try {
            return String.valueOf(channel.getLocalAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * Stops receiving, lets each worker answer the datagram in hand and the answers still waiting for a remote
     * store go out, then closes the sockets and waits for the workers (all bounded).
     */
    @Override
    public synchronized void close() {
        closing = true;
        long deadline = System.currentTimeMillis() + JOIN_MILLIS;
        for (Worker worker : workers) {
            while ((worker.busy || worker.handler.inFlight() > 0) && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
        }
        for (DatagramChannel channel : channels) {
            try {
                channel.close(); // wakes a worker blocked in receive
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing a UDP socket", e);
            }
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channels.clear();
        workers.clear();
    }
}
