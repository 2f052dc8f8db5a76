package org.bittern.store.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
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
 * {@code NOSCRIPT} the script is loaded again and the call repeated once (design §4: recovers by itself).
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
    List<Object> run(RedisCommands<byte[], byte[]> redis, byte[][] keys, byte[]... args) {
        try {
            return redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException e) {
            load(redis);
            return redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        }
    }

    /**
     * {@link #run} without waiting: on {@code NOSCRIPT} the script is sent whole with {@code EVAL}, which runs it
     * and caches it again in the same round trip.
     */
    CompletableFuture<List<Object>> runAsync(RedisAsyncCommands<byte[], byte[]> redis, byte[][] keys,
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
     * back in the order of {@code keySets}.
     *
     * @param waitMillis a backstop only: the client's command timeout normally fails the calls first
     */
    List<List<Object>> runPipelined(RedisCommands<byte[], byte[]> redis, RedisAsyncCommands<byte[], byte[]> async,
            List<byte[][]> keySets, long waitMillis, byte[]... args) {
        try {
            return awaitAll(dispatch(async, keySets, args), waitMillis);
        } catch (RedisNoScriptException e) {
            load(redis);
            return awaitAll(dispatch(async, keySets, args), waitMillis);
        }
    }

    private List<RedisFuture<List<Object>>> dispatch(RedisAsyncCommands<byte[], byte[]> async, List<byte[][]> keySets,
            byte[][] args) {
        List<RedisFuture<List<Object>>> futures = new ArrayList<>(keySets.size());
        for (byte[][] keys : keySets) {
            futures.add(async.evalsha(sha, ScriptOutputType.MULTI, keys, args));
        }
        return futures;
    }

    private static List<List<Object>> awaitAll(List<RedisFuture<List<Object>>> futures, long waitMillis) {
        List<List<Object>> replies = new ArrayList<>(futures.size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (RedisFuture<List<Object>> f : futures) {
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

    /** Loads the script (idempotent: the SHA is the same on every node and every load). */
    void load(RedisCommands<byte[], byte[]> redis) {
        String loaded = redis.scriptLoad(source);
        if (!sha.equals(loaded)) {
            throw new IllegalStateException("Redis returned SHA " + loaded + " for " + name + ", expected " + sha);
        }
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
