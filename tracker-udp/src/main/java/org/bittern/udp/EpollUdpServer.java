package org.bittern.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code epoll} transport: Netty's native epoll datagram channels, which receive up to
 * {@link #DATAGRAMS_PER_READ} datagrams per {@code recvmmsg} call and send everything answered in one read with
 * one {@code sendmmsg}, where {@link NioUdpServer} makes two system calls per datagram. Sockets, workers and
 * handlers are laid out as in the NIO transport: one socket per worker per address, {@code SO_REUSEPORT}.
 * Answers waiting to be sent are bounded by a write-buffer high-water mark; beyond it they are dropped and
 * counted ({@link DropReason#OVERLOAD}).
 */
public final class EpollUdpServer implements UdpTransport {
    private static final Logger LOG = Logger.getLogger(EpollUdpServer.class.getName());
    /** Datagrams taken per recvmmsg; more only adds latency for the first of a batch. */
    static final int DATAGRAMS_PER_READ = 32;
    /** Bytes of answers queued for sending per socket before new answers are dropped. */
    static final int SEND_QUEUE_HIGH_WATER = 1 << 20;

    private final UdpConfig config;
    private final Supplier<UdpRequestHandler> handlerFactory;
    private final SidecarMetrics metrics;
    private final List<Channel> channels = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final List<UdpRequestHandler> handlers = new ArrayList<>();
    private EpollEventLoopGroup group;

    public EpollUdpServer(UdpConfig config, Supplier<UdpRequestHandler> handlers, SidecarMetrics metrics) {
        this.config = config;
        this.handlerFactory = handlers;
        this.metrics = metrics;
    }

    /** Whether the native transport loads on this machine (Linux with the bundled x86_64 library). */
    public static boolean isAvailable() {
        return Epoll.isAvailable();
    }

    @Override
    public synchronized void start() throws IOException {
        if (!Epoll.isAvailable()) {
            throw new IOException("the epoll transport is not available here: " + Epoll.unavailabilityCause());
        }
        AtomicInteger threadNumber = new AtomicInteger();
        group = new EpollEventLoopGroup(config.workers() * config.listen().size(), task -> {
            Thread t = new Thread(task, "bittern-udp-epoll-" + threadNumber.getAndIncrement());
            t.setDaemon(false);
            return t;
        });
        try {
            for (InetSocketAddress address : config.listen()) {
                InetSocketAddress actual = address;
                for (int i = 0; i < config.workers(); i++) {
                    Channel channel = bind(actual);
                    channels.add(channel);
                    if (i == 0) {
                        // With port 0 the first bind picks the port; the other workers must share it.
                        actual = (InetSocketAddress) channel.localAddress();
                        bound.add(actual);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        LOG.info(() -> "UDP tracker (epoll) listening on " + bound + " with " + config.workers() + " worker(s) each");
    }

    private Channel bind(InetSocketAddress address) throws IOException {
        InternetProtocolFamily family = address.getAddress().getAddress().length == 4
                ? InternetProtocolFamily.IPv4 : InternetProtocolFamily.IPv6;
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channelFactory(() -> new EpollDatagramChannel(family))
                .option(EpollChannelOption.SO_REUSEPORT, true)
                .option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes())
                // A payload limit switches reads to recvmmsg; the buffer holds one batch of datagrams.
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, Bep15.MAX_REQUEST_LENGTH)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(Bep15.MAX_REQUEST_LENGTH * DATAGRAMS_PER_READ))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(SEND_QUEUE_HIGH_WATER / 2, SEND_QUEUE_HIGH_WATER))
                .handler(new DatagramHandler(newHandler(), metrics));
        try {
            return bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding UDP " + address, e);
        } catch (Exception e) {
            throw new IOException("cannot listen on UDP " + address + ": " + e.getMessage(), e);
        }
    }

    private UdpRequestHandler newHandler() {
        UdpRequestHandler handler = handlerFactory.get();
        handlers.add(handler);
        return handler;
    }

    @Override
    public synchronized List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    @Override
    public synchronized boolean isRunning() {
        return group != null && !group.isShuttingDown() && !channels.isEmpty()
                && channels.stream().allMatch(Channel::isActive);
    }

    /**
     * Stops reading, lets the answers still waiting for a remote store go out, then closes the sockets on their
     * event loops (which first finish the batch in hand and flush its answers) and stops the loops (bounded).
     */
    @Override
    public synchronized void close() {
        for (Channel channel : channels) {
            channel.config().setAutoRead(false);
        }
        long deadline = System.currentTimeMillis() + JOIN_MILLIS;
        for (UdpRequestHandler handler : handlers) {
            while (handler.inFlight() > 0 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
        }
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly(JOIN_MILLIS);
        }
        if (group != null) {
            group.shutdownGracefully(0, JOIN_MILLIS, TimeUnit.MILLISECONDS).awaitUninterruptibly(JOIN_MILLIS);
        }
        channels.clear();
    }

    /** One per socket, so its {@link UdpRequestHandler} is only ever used by that socket's event loop. */
    private static final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final UdpRequestHandler handler;
        private final SidecarMetrics metrics;
        private final ByteBuffer in = ByteBuffer.allocate(Bep15.MAX_REQUEST_LENGTH);
        private final ByteBuffer out = ByteBuffer.allocate(Bep15.MAX_RESPONSE_LENGTH);
        private LateReplies late;

        DatagramHandler(UdpRequestHandler handler, SidecarMetrics metrics) {
            this.handler = handler;
            this.metrics = metrics;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            Channel channel = ctx.channel();
            AtomicBoolean flushPending = new AtomicBoolean();
            Runnable flush = () -> {
                flushPending.set(false);
                channel.flush();
            };
            // Called from the store client's threads, which complete a burst of answers per read from Redis.
            // Netty queues each write for the channel's event loop without waking it; one flush task per
            // burst then sends them together (sendmmsg), instead of one wake-up and one send per answer.
            late = (answer, client) -> {
                if (!channel.isWritable()) {
                    metrics.dropped(DropReason.OVERLOAD);
                    return;
                }
                channel.write(new DatagramPacket(Unpooled.wrappedBuffer(answer), client), channel.voidPromise());
                if (flushPending.compareAndSet(false, true)) {
                    channel.eventLoop().execute(flush);
                }
            };
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int length = Math.min(content.readableBytes(), in.capacity());
            content.getBytes(content.readerIndex(), in.array(), 0, length);
            in.clear().limit(length);
            InetSocketAddress client = packet.sender();
            try {
                if (handler.handle(in, NioUdpServer.clientAddress(client), out, client, late)) {
                    if (ctx.channel().isWritable()) {
                        ByteBuf answer = ctx.alloc().directBuffer(out.remaining());
                        answer.writeBytes(out);
                        ctx.write(new DatagramPacket(answer, client), ctx.voidPromise());
                    } else {
                        metrics.dropped(DropReason.OVERLOAD);
                    }
                }
            } finally {
                handler.afterSend();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush(); // everything answered in this read leaves in one sendmmsg
            handler.flush(); // and everything asked of a remote store in one write
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // One bad datagram or send must not close the socket.
            LOG.log(Level.FINE, "UDP channel error", cause);
        }
    }
}
