package org.bittern.middleware.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bittern.config.ConfigException;
import org.bittern.config.ConfigValues;
import org.bittern.config.Durations;
import org.eclipse.microprofile.config.Config;

/**
 * The typed {@code tracker.middleware.jwt.*} settings (issue 5). Off unless one of its keys is set; then
 * {@code issuer}, {@code audience} and {@code jwks-url} are all required, since a token checked against only
 * part of them would let through tokens meant for another tracker.
 *
 * @param issuer      the {@code iss} every token must carry
 * @param audience    a value the token's {@code aud} must contain
 * @param jwksUrl     where the JWK set with the issuer's public keys is fetched (http or https)
 * @param jwksRefresh how often the JWK set is fetched again
 */
public record JwtConfig(String issuer, String audience, URI jwksUrl, Duration jwksRefresh) {

    public static final String SECTION = "tracker.middleware.jwt";
    public static final String ISSUER = SECTION + ".issuer";
    public static final String AUDIENCE = SECTION + ".audience";
    public static final String JWKS_URL = SECTION + ".jwks-url";
    public static final String JWKS_REFRESH = SECTION + ".jwks-refresh";

    public static final Duration DEFAULT_JWKS_REFRESH = Duration.ofMinutes(5);
    /** Below this the issuer's JWKS endpoint would be polled rather than refreshed. */
    public static final Duration MIN_JWKS_REFRESH = Duration.ofSeconds(1);

    public JwtConfig {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(jwksRefresh, "jwksRefresh");
    }

    /**
     * Reads and validates the section.
     *
     * @return empty when none of its keys is set (the middleware is off)
     * @throws ConfigException naming the key: a missing required key, a URL that is not http(s), a refresh below
     *                         {@link #MIN_JWKS_REFRESH}, an unknown key in the section
     */
    public static Optional<JwtConfig> from(Config config) {
        ConfigValues.onlyKnownKeys(config, SECTION, Set.of(ISSUER, AUDIENCE, JWKS_URL, JWKS_REFRESH));
        Optional<String> issuer = ConfigValues.string(config, ISSUER);
        Optional<String> audience = ConfigValues.string(config, AUDIENCE);
        Optional<String> url = ConfigValues.string(config, JWKS_URL);
        Optional<String> refresh = ConfigValues.string(config, JWKS_REFRESH);
        if (issuer.isEmpty() && audience.isEmpty() && url.isEmpty() && refresh.isEmpty()) {
            return Optional.empty();
        }
        String required = " is required once " + SECTION + " is configured (issuer, audience and jwks-url)";
        if (issuer.isEmpty()) {
            throw new ConfigException(ISSUER, "is missing;" + required);
        }
        if (audience.isEmpty()) {
            throw new ConfigException(AUDIENCE, "is missing;" + required);
        }
        if (url.isEmpty()) {
            throw new ConfigException(JWKS_URL, "is missing;" + required);
        }
        Duration every = refresh.map(v -> Durations.parse(JWKS_REFRESH, v)).orElse(DEFAULT_JWKS_REFRESH);
        if (every.compareTo(MIN_JWKS_REFRESH) < 0) {
            throw new ConfigException(JWKS_REFRESH, "must be at least " + Durations.format(MIN_JWKS_REFRESH)
                    + ", got " + Durations.format(every));
        }
        return Optional.of(new JwtConfig(issuer.get(), audience.get(), jwksUrl(url.get()), every));
    }

    private static URI jwksUrl(String text) {
        String expected = "must be an absolute http or https URL, got " + ConfigException.quote(text);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(JWKS_URL, expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException(JWKS_URL, expected);
        }
        return uri;
    }

    @Override
    public String toString() {
        return "jwt issuer=" + issuer + " audience=" + audience + " jwks-url=" + jwksUrl + " jwks-refresh="
                + Durations.format(jwksRefresh);
    }
}
