package org.bittern.store.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Lua script kept as a resource beside this class and run with {@code EVALSHA}, so only its 40-byte
 * SHA-1 travels per call. Redis forgets scripts on restart, failover or {@code SCRIPT FLUSH}: on
 * {@code NOSCRIPT} the call is repeated once with {@code EVAL} and the whole script, which runs it and caches it
 * again (design §4: recovers by itself).
 *
 * <p>The fallback is {@code EVAL} rather than {@code SCRIPT LOAD} and a second {@code EVALSHA} because of Redis
 * Cluster: there each node has its own script cache, and the client routes a call by its first key, so only the
 * repeated call itself is sure to reach the node that answered {@code NOSCRIPT}; {@code SCRIPT LOAD} has no key
 * and would go to whichever node the client picks.
 */
final class LuaScript {
    private final String name;
    private final byte[] source;
    private final String sha;

    LuaScript(String resource) {
        this.name = resource;
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource);
            }
            this.source = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script " + resource, e);
        }
        this.sha = sha1Hex(source);
    }

    String sha() {
        return sha;
    }

    /** Runs the script; returns Redis's multi-bulk reply (integers as {@code Long}, strings as {@code byte[]}). */
    List<Object> run(RedisClusterCommands<byte[], byte[]> redis, byte[][] keys, byte[]... args) {
        try {
            return redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, ScriptOutputType.MULTI, keys, args);
        }
    }

    /**
     * {@link #run} without waiting: on {@code NOSCRIPT} the script is sent whole with {@code EVAL}, which runs it
     * and caches it again in the same round trip.
     */
    CompletableFuture<List<Object>> runAsync(RedisClusterAsyncCommands<byte[], byte[]> redis, byte[][] keys,
            byte[]... args) {
        CompletableFuture<List<Object>> reply = new CompletableFuture<>();
        redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args).whenComplete((result, error) -> {
            if (error == null) {
                reply.complete(result);
            } else if (error instanceof RedisNoScriptException) {
                redis.<List<Object>>eval(source, ScriptOutputType.MULTI, keys, args).whenComplete((again, failed) -> {
                    if (failed == null) {
                        reply.complete(again);
                    } else {
                        reply.completeExceptionally(failed);
                    }
                });
                // On a connection that writes only when flushed, nobody else would flush this retry.
                redis.flushCommands();
            } else {
                reply.completeExceptionally(error);
            }
        });
        return reply;
    }

    /**
     * Runs the script once per key set, pipelined: every call is written before any reply is awaited, so a
     * batch costs one round trip (per node in a cluster) however many swarms it covers. The replies come
     * back in the order of {@code keySets}. Each call falls back to {@code EVAL} on its own, so after a
     * restart only the calls of the node that lost the script carry it.
     *
     * @param waitMillis a backstop only: the client's command timeout normally fails the calls first
     */
    List<List<Object>> runPipelined(RedisClusterAsyncCommands<byte[], byte[]> async, List<byte[][]> keySets,
            long waitMillis, byte[]... args) {
        List<CompletableFuture<List<Object>>> futures = new ArrayList<>(keySets.size());
        for (byte[][] keys : keySets) {
            futures.add(runAsync(async, keys, args));
        }
        return awaitAll(futures, waitMillis);
    }

    private static List<List<Object>> awaitAll(List<CompletableFuture<List<Object>>> futures, long waitMillis) {
        List<List<Object>> replies = new ArrayList<>(futures.size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (CompletableFuture<List<Object>> f : futures) {
            try {
                replies.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RedisException re ? re : new RedisException(e.getCause());
            } catch (TimeoutException e) {
                throw new RedisCommandTimeoutException("no reply within " + waitMillis + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisException("interrupted while waiting for Redis", e);
            }
        }
        return replies;
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + sha + ")";
    }
}
