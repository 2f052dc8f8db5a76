package org.bittern.middleware.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Logger;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.InfoHash;
import org.bittern.health.ReadinessCheck;

/**
 * The jwt decision, container-free (issue 5, Quay style): an announce must carry, in its {@code jwt} parameter, a
 * JWS signed with RS256 or ES256 by a key of the configured JWK set, whose {@code iss} is the issuer, whose
 * {@code aud} contains the audience, whose {@code infohash} claim is the announced info_hash in lower-case hex,
 * and whose {@code exp} and {@code nbf}, when present, hold now within {@link #LEEWAY}.
 *
 * <p>A client only ever learns {@value #MISSING} or {@value #INVALID}: why a token failed would help a forger more
 * than a client. The reason goes to the log, at most one line per reason every {@link #LOG_EVERY}.
 */
public final class JwtVerification implements ReadinessCheck, AutoCloseable {

    public static final String PARAMETER = "jwt";
    public static final String MISSING = "unapproved request: missing jwt";
    public static final String INVALID = "unapproved request: invalid jwt";
    public static final String INFOHASH_CLAIM = "infohash";
    /** For clocks of issuer and tracker a little apart. */
    public static final Duration LEEWAY = Duration.ofSeconds(30);
    /**
     * A real token is well under 2 KB (an RS256 signature of a 4096-bit key is 683 characters); anything longer is
     * refused before it is parsed.
     */
    public static final int MAX_TOKEN_LENGTH = 4096;
    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    /** Not configured: every announce passes. */
    public static final JwtVerification OFF = new JwtVerification(null, null, Clock.systemUTC());

    private static final Logger LOG = Logger.getLogger(JwtVerification.class.getName());

    /** Why a token was accepted or not; only the log sees {@link #why}. */
    public enum Verdict {
        ACCEPTED(null, "accepted"),
        MISSING_TOKEN(MISSING, "no jwt parameter"),
        TOO_LONG(INVALID, "longer than " + MAX_TOKEN_LENGTH + " characters"),
        MALFORMED(INVALID, "not a JWS with a JSON claims set"),
        ALGORITHM(INVALID, "algorithm is not RS256 or ES256"),
        NO_KEYS(INVALID, "no JWK set fetched yet"),
        UNKNOWN_KEY(INVALID, "no key of the JWK set for its kid and algorithm"),
        SIGNATURE(INVALID, "signature does not verify"),
        ISSUER(INVALID, "wrong iss"),
        AUDIENCE(INVALID, "aud does not contain the audience"),
        INFOHASH(INVALID, "infohash claim is not the announced info_hash"),
        EXPIRED(INVALID, "expired (exp)"),
        NOT_YET_VALID(INVALID, "not yet valid (nbf)");

        /** The refusal the client gets; null when accepted. */
        public final String refusal;
        public final String why;

        Verdict(String refusal, String why) {
            this.refusal = refusal;
            this.why = why;
        }
    }

    private final JwtConfig config;
    private final JwksKeys keys;
    private final Clock clock;
    /** Per verdict: the nanoTime before which it is not logged again, and how many went unlogged meanwhile. */
    private final AtomicLongArray quietUntil = new AtomicLongArray(Verdict.values().length);
    private final AtomicLongArray unlogged = new AtomicLongArray(Verdict.values().length);

    JwtVerification(JwtConfig config, JwksKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
        long now = System.nanoTime();
        for (int i = 0; i < quietUntil.length(); i++) {
            quietUntil.set(i, now);
        }
    }

    /** Verifies against {@code keys}, which the caller has started (or refreshes itself in tests). */
    public static JwtVerification of(JwtConfig config, JwksKeys keys) {
        return new JwtVerification(config, keys, Clock.systemUTC());
    }

    /** Starts fetching the configured JWK set in the background and returns at once. */
    public static JwtVerification start(JwtConfig config) {
        return of(config, new JwksKeys(config.jwksUrl(), config.jwksRefresh()).start());
    }

    @Override
    public boolean enabled() {
        return config != null;
    }

    /**
     * @throws ClientError {@value #MISSING} or {@value #INVALID} unless the announce's token is accepted
     */
    public void check(InfoHash infoHash, Map<String, String> params) {
        if (config == null) {
            return;
        }
        Verdict verdict = verify(infoHash, params.get(PARAMETER));
        if (verdict != Verdict.ACCEPTED) {
            log(verdict, infoHash);
            throw new ClientError(verdict.refusal);
        }
    }

    /** The verdict on {@code token} (null when absent) for an announce of {@code infoHash}; never throws. */
    public Verdict verify(InfoHash infoHash, String token) {
        if (config == null) {
            return Verdict.ACCEPTED;
        }
        if (token == null || token.isEmpty()) {
            return Verdict.MISSING_TOKEN;
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Verdict.TOO_LONG;
        }
        try {
            return verifyParsed(infoHash, SignedJWT.parse(token));
        } catch (ParseException | RuntimeException e) {
            // Whatever a hostile string makes the parser throw is a refusal, never an error of the tracker.
            return Verdict.MALFORMED;
        }
    }

    private Verdict verifyParsed(InfoHash infoHash, SignedJWT jwt) throws ParseException {
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            return Verdict.ALGORITHM;
        }
        JwksKeys.KeySet held = keys.current();
        if (held.all().isEmpty()) {
            return Verdict.NO_KEYS;
        }
        List<JwksKeys.Verifier> candidates = held.candidates(header.getKeyID(), header.getAlgorithm());
        if (candidates.isEmpty()) {
            return Verdict.UNKNOWN_KEY;
        }
        if (!verifiesWithAny(jwt, candidates)) {
            return Verdict.SIGNATURE;
        }
        return verifyClaims(infoHash, jwt.getJWTClaimsSet());
    }

    private static boolean verifiesWithAny(SignedJWT jwt, List<JwksKeys.Verifier> candidates) {
        for (JwksKeys.Verifier candidate : candidates) {
            try {
                if (jwt.verify(candidate.verifier())) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // A malformed signature for this key type: try the others, then refuse.
            }
        }
        return false;
    }

    private Verdict verifyClaims(InfoHash infoHash, JWTClaimsSet claims) throws ParseException {
        if (!config.issuer().equals(claims.getStringClaim("iss"))) {
            return Verdict.ISSUER;
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(config.audience())) {
            return Verdict.AUDIENCE;
        }
        Object claimed = claims.getClaim(INFOHASH_CLAIM);
        if (!(claimed instanceof String hex) || !hex.equals(infoHash.toHex())) {
            return Verdict.INFOHASH;
        }
        long now = clock.millis();
        long leeway = LEEWAY.toMillis();
        Date expires = claims.getDateClaim("exp");
        if (expires != null && now - leeway >= expires.getTime()) {
            return Verdict.EXPIRED;
        }
        Date notBefore = claims.getDateClaim("nbf");
        if (notBefore != null && now + leeway < notBefore.getTime()) {
            return Verdict.NOT_YET_VALID;
        }
        return Verdict.ACCEPTED;
    }

    /** One line per verdict every {@link #LOG_EVERY}, counting the ones in between: refusals can come by the thousand. */
    private void log(Verdict verdict, InfoHash infoHash) {
        int i = verdict.ordinal();
        long now = System.nanoTime();
        long until = quietUntil.get(i);
        if (now - until < 0 || !quietUntil.compareAndSet(i, until, now + LOG_EVERY.toNanos())) {
            unlogged.incrementAndGet(i);
            return;
        }
        long skipped = unlogged.getAndSet(i, 0);
        LOG.info(() -> "jwt: refused an announce for " + infoHash.toHex() + ": " + verdict.why
                + (skipped == 0 ? "" : " (and " + skipped + " more for this reason since the last such line)"));
    }

    /** Ready when off, or once the JWK set has been fetched: before that every token is refused. */
    @Override
    public boolean ready() {
        return keys == null || keys.loaded();
    }

    @Override
    public String name() {
        return "jwt-keys";
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
        }
    }

    @Override
    public String toString() {
        return config == null ? "jwt off" : config.toString();
    }
}
