package org.bittern.middleware.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The issuer's public keys, fetched from its JWKS URL by one background thread and refreshed every
 * {@code jwks-refresh}. Requests only read {@link #current()}, a volatile field: they never wait for a fetch.
 * A failed fetch (unreachable, hanging, not 200, garbage, no usable key) keeps the keys already held; until the
 * first fetch succeeds there are none, {@link #loaded()} is false and readiness says so.
 *
 * <p>Only RSA keys (RS256) and EC P-256 keys (ES256) for signatures become verifiers; symmetric keys in a JWK set
 * are ignored, so a public value can never serve as an HMAC secret.
 */
public final class JwksKeys implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class.getName());

    /** A JWKS answer is a few kilobytes; this bounds what a broken or hostile endpoint can make us hold. */
    static final int MAX_JWKS_BYTES = 1 << 20;
    /** Bounds a hanging endpoint: the refresh thread moves on and the held keys stay. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    /** After a failure the next try comes sooner than a whole refresh period, doubling from this. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** One usable key, parsed once per fetch so a request only verifies. */
    record Verifier(String kid, JWSAlgorithm algorithm, JWSVerifier verifier) {
    }

    /** The keys of one successful fetch, by {@code kid} (keys without one are only in {@link #all}). */
    record KeySet(Map<String, List<Verifier>> byKid, List<Verifier> all) {
        static final KeySet EMPTY = new KeySet(Map.of(), List.of());

        /** The verifiers a token signed with {@code algorithm} under {@code kid} (null: none named) may use. */
        List<Verifier> candidates(String kid, JWSAlgorithm algorithm) {
            List<Verifier> named = kid == null ? all : byKid.getOrDefault(kid, List.of());
            List<Verifier> out = new ArrayList<>(named.size());
            for (Verifier v : named) {
                if (v.algorithm().equals(algorithm)) {
                    out.add(v);
                }
            }
            return out;
        }
    }

    private final URI url;
    private final Duration refresh;
    private final Duration timeout;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private volatile KeySet current;
    private Duration nextRetry = FIRST_RETRY;
    /** Whether the last fetch failed, so a lasting outage logs one warning, not one per try. */
    private boolean failing;

    public JwksKeys(URI url, Duration refresh) {
        this(url, refresh, FETCH_TIMEOUT);
    }

    /** @param timeout for connecting and for the whole answer (shorter in tests of a hanging endpoint) */
    JwksKeys(URI url, Duration refresh, Duration timeout) {
        this.url = url;
        this.refresh = refresh;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "bittern-jwks-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts fetching in the background, at once and then every {@code refresh}; returns without waiting. */
    public JwksKeys start() {
        schedule(Duration.ZERO);
        return this;
    }

    /** The keys held now; empty until the first fetch succeeds. */
    KeySet current() {
        KeySet keys = current;
        return keys == null ? KeySet.EMPTY : keys;
    }

    public boolean loaded() {
        return current != null;
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::refreshAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing more to fetch.
        }
    }

    private void refreshAndReschedule() {
        Duration next;
        if (refresh()) {
            nextRetry = FIRST_RETRY;
            next = refresh;
        } else {
            next = nextRetry.compareTo(refresh) < 0 ? nextRetry : refresh;
            nextRetry = nextRetry.multipliedBy(2);
        }
        schedule(next);
    }

    /**
     * Fetches the JWK set once, now, on the calling thread, and swaps it in if it holds a usable key.
     *
     * @return whether it did; on failure the keys held before stay
     */
    synchronized boolean refresh() {
        KeySet fetched;
        try {
            fetched = parse(fetch());
        } catch (IOException | ParseException | RuntimeException e) {
            failed(e instanceof HttpTimeoutException ? "no answer within " + timeout.toMillis() + " ms" : describe(e));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (fetched.all().isEmpty()) {
            failed("no RS256 or ES256 signing key in it");
            return false;
        }
        current = fetched;
        if (failing) {
            LOG.info(() -> "jwt: JWK set from " + url + " fetched again, " + fetched.all().size() + " keys");
        } else {
            LOG.fine(() -> "jwt: JWK set from " + url + " fetched, " + fetched.all().size() + " keys");
        }
        failing = false;
        return true;
    }

    private void failed(String reason) {
        String kept = current == null ? "no keys yet, announces are refused and readiness is down"
                : "keeping the " + current.all().size() + " keys fetched before";
        Level level = failing ? Level.FINE : Level.WARNING;
        LOG.log(level, () -> "jwt: cannot fetch the JWK set from " + url + ": " + reason + "; " + kept
                + (failing ? "" : " (retrying; further failures are logged at FINE until it recovers)"));
        failing = true;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof BadAnswer) {
            return message;
        }
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message.lines().findFirst().orElse(""));
    }

    private String fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new BadAnswer("HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_JWKS_BYTES + 1);
            if (bytes.length > MAX_JWKS_BYTES) {
                throw new BadAnswer("answer longer than " + MAX_JWKS_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The usable keys of a JWK set document; keys of other types, curves, uses or algorithms are left out. */
    static KeySet parse(String json) throws ParseException {
        Map<String, List<Verifier>> byKid = new HashMap<>();
        List<Verifier> all = new ArrayList<>();
        for (JWK jwk : JWKSet.parse(json).getKeys()) {
            Verifier v = verifier(jwk);
            if (v != null) {
                all.add(v);
                if (v.kid() != null) {
                    byKid.computeIfAbsent(v.kid(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        byKid.replaceAll((k, list) -> List.copyOf(list));
        return new KeySet(Map.copyOf(byKid), List.copyOf(all));
    }

    private static Verifier verifier(JWK jwk) {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return null;
        }
        try {
            if (jwk instanceof RSAKey rsa && allows(jwk, JWSAlgorithm.RS256)) {
                return new Verifier(jwk.getKeyID(), JWSAlgorithm.RS256, new RSASSAVerifier(rsa.toRSAPublicKey()));
            }
            if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()) && allows(jwk, JWSAlgorithm.ES256)) {
                return new Verifier(jwk.getKeyID(), JWSAlgorithm.ES256, new ECDSAVerifier(ec.toECPublicKey()));
            }
        } catch (JOSEException e) {
            LOG.fine(() -> "jwt: JWK " + jwk.getKeyID() + " left out: " + e.getMessage());
        }
        return null;
    }

    /** A key that names its algorithm may only be used for that one. */
    private static boolean allows(JWK jwk, JWSAlgorithm algorithm) {
        return jwk.getAlgorithm() == null || algorithm.equals(jwk.getAlgorithm());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** The endpoint answered, but not with a JWK set: its own words suffice in the log. */
    private static final class BadAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        BadAnswer(String message) {
            super(message);
        }
    }
}
