package org.bittern.middleware.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.config;

import java.net.URI;
import java.time.Duration;
import org.bittern.config.ConfigException;
import org.junit.jupiter.api.Test;

class JwtConfigTest {
    private static final String URL = "https://registry.test/.well-known/jwks.json";

    @Test
    void offWithoutItsKeys() {
        assertThat(JwtConfig.from(config())).isEmpty();
    }

    @Test
    void readsTheSection() {
        JwtConfig c = JwtConfig.from(config("tracker.middleware.jwt.issuer", "quay", "tracker.middleware.jwt.audience",
                "tracker", "tracker.middleware.jwt.jwks-url", URL, "tracker.middleware.jwt.jwks-refresh", "2m"))
                .orElseThrow();
        assertThat(c).isEqualTo(new JwtConfig("quay", "tracker", URI.create(URL), Duration.ofMinutes(2)));
        assertThat(JwtConfig.from(config("tracker.middleware.jwt.issuer", "quay", "tracker.middleware.jwt.audience",
                "tracker", "tracker.middleware.jwt.jwks-url", URL)).orElseThrow().jwksRefresh())
                .isEqualTo(JwtConfig.DEFAULT_JWKS_REFRESH);
    }

    @Test
    void namesTheKeyOfEveryMistake() {
        assertThatThrownBy(() -> JwtConfig.from(config("tracker.middleware.jwt.audience", "t",
                "tracker.middleware.jwt.jwks-url", URL)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracker.middleware.jwt.issuer: is missing; is required once tracker.middleware.jwt is "
                        + "configured (issuer, audience and jwks-url)");
        assertKey(config("tracker.middleware.jwt.issuer", "q", "tracker.middleware.jwt.jwks-url", URL),
                "tracker.middleware.jwt.audience");
        assertKey(config("tracker.middleware.jwt.issuer", "q", "tracker.middleware.jwt.audience", "t"),
                "tracker.middleware.jwt.jwks-url");
        for (String bad : new String[] {"file:///etc/jwks.json", "registry.test/jwks", "http://", "ht tp://x"}) {
            assertKey(config("tracker.middleware.jwt.issuer", "q", "tracker.middleware.jwt.audience", "t",
                    "tracker.middleware.jwt.jwks-url", bad), "tracker.middleware.jwt.jwks-url");
        }
        assertKey(config("tracker.middleware.jwt.issuer", "q", "tracker.middleware.jwt.audience", "t",
                "tracker.middleware.jwt.jwks-url", URL, "tracker.middleware.jwt.jwks-refresh", "500ms"),
                "tracker.middleware.jwt.jwks-refresh");
        assertKey(config("tracker.middleware.jwt.issuer", "q", "tracker.middleware.jwt.audience", "t",
                "tracker.middleware.jwt.jwks-url", URL, "tracker.middleware.jwt.jwks-refresh", "soon"),
                "tracker.middleware.jwt.jwks-refresh");
        assertKey(config("tracker.middleware.jwt.issuer", "q", "tracker.middleware.jwt.audience", "t",
                "tracker.middleware.jwt.jwks-url", URL, "tracker.middleware.jwt.jwks-uri", URL),
                "tracker.middleware.jwt.jwks-uri");
    }

    private static void assertKey(org.eclipse.microprofile.config.Config config, String key) {
        assertThatThrownBy(() -> JwtConfig.from(config)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).isEqualTo(key));
    }
}
