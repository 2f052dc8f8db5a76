package org.bittern.udp;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * How a transport sends an answer that is ready only after the worker moved on (an announce waiting for a
 * remote peer store). Called from the store client's threads, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface LateReplies {
    void send(ByteBuffer answer, InetSocketAddress client);
}
