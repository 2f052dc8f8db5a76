package org.bittern.store.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** Real redis-server processes from the embedded-redis artifact, for tests. */
public final class RedisServers {
    private RedisServers() {
    }

    /** A loopback port nobody listens on right now (never a fixed one: parallel builds share the machine). */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** A started server on {@code port}: loopback only, and no persistence, so it writes nothing to disk. */
    public static RedisServer start(int port) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return server;
    }
}
