package org.bittern.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackerConfigTest {

    @Test
    void defaultsAreThoseOfTheDesign() {
        TrackerConfig d = TrackerConfig.defaults();

        assertThat(d.announceInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.minAnnounceInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(d.numwantDefault()).isEqualTo(50);
        assertThat(d.numwantMax()).isEqualTo(100);
        assertThat(d.scrapeMaxInfoHashes()).isEqualTo(50);
        assertThat(d.trustedProxies()).isEmpty();
        assertThat(d.allowIpSpoofing()).isFalse();
        assertThat(d.storeType()).isEqualTo("memory");
        assertThat(d.peerLifetime()).isEqualTo(Duration.ofMinutes(31));
        assertThat(d.gcInterval()).isEqualTo(Duration.ofMinutes(3));
        assertThat(d.redisUri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(d.redisKeyPrefix()).isEqualTo("bittern:");
        assertThat(d.redisCluster()).isFalse();
        assertThat(d.announceIntervalSeconds()).isEqualTo(1800);
        assertThat(d.minAnnounceIntervalSeconds()).isEqualTo(900);
    }

    @Test
    void anEmptyConfigGivesTheDefaults() {
        assertThat(TrackerConfig.from(config())).isEqualTo(TrackerConfig.defaults());
    }

    @Test
    void emptyValuesMeanDefault() {
        assertThat(TrackerConfig.from(config("tracker.numwant.max", "", "tracker.store.type", " ",
                "tracker.http.trusted-proxies", ""))).isEqualTo(TrackerConfig.defaults());
    }

    @Test
    void readsEveryKey() {
        TrackerConfig c = TrackerConfig.from(config(
                "tracker.announce-interval", "PT20M",
                "tracker.min-announce-interval", "90s",
                "tracker.numwant.default", " 30 ",
                "tracker.numwant.max", "60",
                "tracker.scrape.max-info-hashes", "70",
                "tracker.http.trusted-proxies", "10.0.0.0/8, fd00::/8 ,,192.168.1.1/32",
                "tracker.http.allow-ip-spoofing", "true",
                "tracker.store.type", "redis",
                "tracker.store.peer-lifetime", "1h",
                "tracker.store.gc-interval", "1500ms",
                "tracker.store.redis.uri", "rediss://:s3cret@cache.example:6380/2",
                "tracker.store.redis.key-prefix", "tracker-a:"));

        assertThat(c).isEqualTo(new TrackerConfig(Duration.ofMinutes(20), Duration.ofSeconds(90), 30, 60, 70,
                List.of("10.0.0.0/8", "fd00::/8", "192.168.1.1/32"), true, "redis", Duration.ofHours(1),
                Duration.ofMillis(1500), "rediss://:s3cret@cache.example:6380/2", "tracker-a:", false));
        assertThat(c.announceIntervalSeconds()).isEqualTo(1200);
        assertThat(c.minAnnounceIntervalSeconds()).isEqualTo(90);
        assertThat(TrackerConfig.from(config("tracker.http.allow-ip-spoofing", "false")).allowIpSpoofing()).isFalse();
    }

    @Test
    void boundaryValuesAreAccepted() {
        TrackerConfig c = TrackerConfig.from(config(
                "tracker.announce-interval", "1s",
                "tracker.min-announce-interval", "1s",
                "tracker.numwant.default", "0",
                "tracker.numwant.max", "1",
                "tracker.scrape.max-info-hashes", "1000",
                "tracker.store.peer-lifetime", "1s",
                "tracker.store.gc-interval", "1s"));

        assertThat(c.announceIntervalSeconds()).isEqualTo(1);
        assertThat(c.numwantDefault()).isZero();
        assertThat(c.scrapeMaxInfoHashes()).isEqualTo(1000);
        assertThat(TrackerConfig.from(config("tracker.numwant.default", "100")).numwantDefault()).isEqualTo(100);
        assertThat(TrackerConfig.from(config("tracker.scrape.max-info-hashes", "1")).scrapeMaxInfoHashes()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            // intervals
            "tracker.announce-interval     | 0s      | tracker.announce-interval: must be at least 1s, got 0s",
            "tracker.announce-interval     | 999ms   | tracker.announce-interval: must be at least 1s, got 999ms",
            "tracker.announce-interval     | soon    | tracker.announce-interval: must be a duration like 30m, 5s, 2h, 1d, 500ms or ISO-8601 PT30M, got 'soon'",
            "tracker.announce-interval     | -5m     | tracker.announce-interval: must not be negative, got '-5m'",
            "tracker.announce-interval     | 2147483648s | tracker.announce-interval: must be at most 2147483647s, got 2147483648s",
            "tracker.min-announce-interval | 0s      | tracker.min-announce-interval: must be at least 1s, got 0s",
            "tracker.min-announce-interval | 45m     | tracker.min-announce-interval: must not exceed tracker.announce-interval (30m), got 45m",
            "tracker.min-announce-interval | 30      | tracker.min-announce-interval: must be a duration like 30m, 5s, 2h, 1d, 500ms or ISO-8601 PT30M (a unit is required), got '30'",
            // numwant
            "tracker.numwant.default       | -1      | tracker.numwant.default: must be at least 0, got -1",
            "tracker.numwant.default       | 101     | tracker.numwant.default: must not exceed tracker.numwant.max (100), got 101",
            "tracker.numwant.max           | 0       | tracker.numwant.max: must be at least 1, got 0",
            "tracker.numwant.max           | ten     | tracker.numwant.max: must be an integer, got 'ten'",
            "tracker.numwant.max           | 1.5     | tracker.numwant.max: must be an integer, got '1.5'",
            "tracker.numwant.max           | 0x10    | tracker.numwant.max: must be an integer, got '0x10'",
            "tracker.numwant.max           | 2147483648 | tracker.numwant.max: must be an integer, got '2147483648'",
            // scrape
            "tracker.scrape.max-info-hashes | 0      | tracker.scrape.max-info-hashes: must be at least 1, got 0",
            "tracker.scrape.max-info-hashes | 1001   | tracker.scrape.max-info-hashes: must be at most 1000, got 1001",
            // http
            "tracker.http.allow-ip-spoofing | yes    | tracker.http.allow-ip-spoofing: must be true or false, got 'yes'",
            "tracker.http.allow-ip-spoofing | 1      | tracker.http.allow-ip-spoofing: must be true or false, got '1'",
            "tracker.http.allow-ip-spoofing | TRUE   | tracker.http.allow-ip-spoofing: must be true or false, got 'TRUE'",
            // store
            "tracker.store.type            | postgres | tracker.store.type: must be memory or redis, got 'postgres'",
            "tracker.store.type            | Memory  | tracker.store.type: must be memory or redis, got 'Memory'",
            "tracker.store.peer-lifetime   | 29m     | tracker.store.peer-lifetime: must be at least tracker.announce-interval (30m) or peers expire between announces, got 29m",
            "tracker.store.peer-lifetime   | 0s      | tracker.store.peer-lifetime: must be at least tracker.announce-interval (30m) or peers expire between announces, got 0s",
            "tracker.store.gc-interval     | 0s      | tracker.store.gc-interval: must be at least 1s, got 0s",
            "tracker.store.gc-interval     | 10ms    | tracker.store.gc-interval: must be at least 1s, got 10ms",
            "tracker.store.gc-interval     | often   | tracker.store.gc-interval: must be a duration like 30m, 5s, 2h, 1d, 500ms or ISO-8601 PT30M, got 'often'",
            "tracker.store.redis.uri       | cache:6379 | tracker.store.redis.uri: " + TrackerConfig.REDIS_URI_FORM,
            "tracker.store.redis.uri       | http://cache:6379 | tracker.store.redis.uri: " + TrackerConfig.REDIS_URI_FORM,
            "tracker.store.redis.uri       | redis://cache:99999 | tracker.store.redis.uri: " + TrackerConfig.REDIS_URI_FORM,
            "tracker.store.redis.uri       | redis://cache/db1 | tracker.store.redis.uri: " + TrackerConfig.REDIS_URI_FORM,
            "tracker.store.redis.uri       | redis-socket:// | tracker.store.redis.uri: " + TrackerConfig.REDIS_URI_FORM,
            "tracker.store.redis.cluster   | yes     | tracker.store.redis.cluster: must be true or false, got 'yes'",
            "tracker.store.redis.key-prefix | a{b}:  | tracker.store.redis.key-prefix: must not contain '{' or '}' (Redis Cluster hash tags), got 'a{b}:'",
            "tracker.store.redis.key-prefix | a}:    | tracker.store.redis.key-prefix: must not contain '{' or '}' (Redis Cluster hash tags), got 'a}:'",
    })
    void everyRuleFailsWithOneLineNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> TrackerConfig.from(config(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .satisfies(e -> {
                    assertThat(((ConfigException) e).key()).isEqualTo(key);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    @Test
    void aMalformedRedisUriNeverEchoesItsPassword() {
        // Lettuce's own message quotes the whole URI: neither it nor the URI may reach the message or a cause.
        for (String uri : List.of("redis://:hunter2@[::1", "redis://user:hunter2@cache:6379/x", "rediss://hunter2@")) {
            assertThatThrownBy(() -> TrackerConfig.from(config("tracker.store.redis.uri", uri)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("tracker.store.redis.uri: " + TrackerConfig.REDIS_URI_FORM)
                    .hasNoCause();
        }
    }

    @Test
    void theRedisUriIsCheckedWhateverTheStoreType() {
        assertThatThrownBy(() -> TrackerConfig.from(config("tracker.store.type", "memory",
                "tracker.store.redis.uri", "localhost:6379")))
                .hasMessage("tracker.store.redis.uri: " + TrackerConfig.REDIS_URI_FORM);
        String sentinel = "redis-sentinel://sentinel:26379?sentinelMasterId=main";
        assertThat(TrackerConfig.from(config("tracker.store.redis.uri", sentinel)).redisUri()).isEqualTo(sentinel);
    }

    @Test
    void aClusterTakesSeedNodesSeparatedByCommasWithoutADatabase() {
        String seeds = "redis://10.0.0.1:7000, redis://:s3cret@10.0.0.2:7000,rediss://cache-3:7001";
        TrackerConfig c = TrackerConfig.from(config("tracker.store.redis.cluster", "true",
                "tracker.store.redis.uri", seeds));
        assertThat(c.redisCluster()).isTrue();
        assertThat(c.redisUri()).isEqualTo(seeds);
        assertThat(c.toString()).contains("redisCluster=true").doesNotContain("s3cret");

        for (String bad : List.of("redis://10.0.0.1:7000/2", "redis://10.0.0.1:7000,", "redis://10.0.0.1:7000,cache:7000",
                "redis-sentinel://sentinel:26379?sentinelMasterId=main", "redis://:hunter2@a:1,redis://:hunter2@[::1")) {
            assertThatThrownBy(() -> TrackerConfig.from(config("tracker.store.redis.cluster", "true",
                    "tracker.store.redis.uri", bad)))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("tracker.store.redis.uri: " + TrackerConfig.REDIS_CLUSTER_URI_FORM)
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        }
        // Without the flag, a list is no single node's URI.
        assertThatThrownBy(() -> TrackerConfig.from(config("tracker.store.redis.uri", "redis://a:7000,redis://b:7000")))
                .hasMessage("tracker.store.redis.uri: " + TrackerConfig.REDIS_URI_FORM);
    }

    @Test
    void theTextOfTheRecordMasksTheRedisPassword() {
        TrackerConfig c = TrackerConfig.from(config("tracker.store.redis.uri", "redis://admin:hunter2@cache:6379/1"));

        assertThat(c.redisUri()).isEqualTo("redis://admin:hunter2@cache:6379/1");
        assertThat(c.toString()).doesNotContain("hunter2").contains("redisUri=redis://***@cache:6379/1")
                .contains("redisKeyPrefix=bittern:").contains("numwantMax=100");
        assertThat(TrackerConfig.defaults().toString()).contains("redisUri=redis://127.0.0.1:6379");
        assertThat(TrackerConfig.withoutCredentials("redis://:p@ss/w@rd@cache")).isEqualTo("redis://***@cache");
        assertThat(TrackerConfig.withoutCredentials("p4ss@cache")).isEqualTo("***@cache");
    }

    @Test
    void crossKeyRulesFollowTheOtherKey() {
        // the limits move with the key they depend on
        assertThat(TrackerConfig.from(config("tracker.numwant.max", "200", "tracker.numwant.default", "150"))
                .numwantDefault()).isEqualTo(150);
        assertThatThrownBy(() -> TrackerConfig.from(config("tracker.numwant.max", "20")))
                .hasMessage("tracker.numwant.default: must not exceed tracker.numwant.max (20), got 50");
        assertThatThrownBy(() -> TrackerConfig.from(config("tracker.announce-interval", "10m")))
                .hasMessage("tracker.min-announce-interval: must not exceed tracker.announce-interval (10m), got 15m");
        assertThatThrownBy(() -> TrackerConfig.from(config("tracker.announce-interval", "1h",
                "tracker.min-announce-interval", "1h")))
                .hasMessage("tracker.store.peer-lifetime: must be at least tracker.announce-interval (1h) or peers "
                        + "expire between announces, got 31m");
    }

    @Test
    void valuesInMessagesAreQuotedOnOneLine() {
        assertThatThrownBy(() -> TrackerConfig.from(config("tracker.store.type", "mem\nory")))
                .hasMessage("tracker.store.type: must be memory or redis, got 'mem\\u000aory'");
    }

    @Test
    void theRecordCopiesItsListAndRejectsNulls() {
        List<String> proxies = new ArrayList<>(List.of("10.0.0.0/8"));
        TrackerConfig d = TrackerConfig.defaults();
        TrackerConfig c = new TrackerConfig(d.announceInterval(), d.minAnnounceInterval(), 1, 1, 1, proxies, false,
                "memory", d.peerLifetime(), d.gcInterval(), d.redisUri(), d.redisKeyPrefix(), false);
        proxies.add("192.168.0.0/16");

        assertThat(c.trustedProxies()).containsExactly("10.0.0.0/8");
        assertThatThrownBy(() -> c.trustedProxies().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatNullPointerException().isThrownBy(() -> new TrackerConfig(null, d.minAnnounceInterval(), 1, 1, 1,
                List.of(), false, "memory", d.peerLifetime(), d.gcInterval(), d.redisUri(), d.redisKeyPrefix(), false));
    }

    @Test
    void secondsAccessorsSaturateInsteadOfOverflowing() {
        TrackerConfig d = TrackerConfig.defaults();
        TrackerConfig huge = new TrackerConfig(Duration.ofDays(100_000), Duration.ofMillis(1500), 1, 1, 1, List.of(),
                false, "memory", d.peerLifetime(), d.gcInterval(), d.redisUri(), d.redisKeyPrefix(), false);

        assertThat(huge.announceIntervalSeconds()).isEqualTo(Integer.MAX_VALUE);
        assertThat(huge.minAnnounceIntervalSeconds()).isEqualTo(1);
    }

    @Test
    void keyConstantsAreTheDesignContract() {
        assertThat(List.of(TrackerConfig.Keys.ANNOUNCE_INTERVAL, TrackerConfig.Keys.MIN_ANNOUNCE_INTERVAL,
                TrackerConfig.Keys.NUMWANT_DEFAULT, TrackerConfig.Keys.NUMWANT_MAX,
                TrackerConfig.Keys.SCRAPE_MAX_INFO_HASHES, TrackerConfig.Keys.HTTP_TRUSTED_PROXIES,
                TrackerConfig.Keys.HTTP_ALLOW_IP_SPOOFING, TrackerConfig.Keys.STORE_TYPE,
                TrackerConfig.Keys.STORE_PEER_LIFETIME, TrackerConfig.Keys.STORE_GC_INTERVAL,
                TrackerConfig.Keys.STORE_REDIS_URI, TrackerConfig.Keys.STORE_REDIS_KEY_PREFIX,
                TrackerConfig.Keys.STORE_REDIS_CLUSTER, TrackerConfig.Keys.UDP_LISTEN, TrackerConfig.Keys.UDP_PRIVATE_KEY,
                TrackerConfig.Keys.UDP_CONNECTION_ID_LIFETIME, TrackerConfig.Keys.UDP_METRICS,
                TrackerConfig.Keys.LISTS_MODE, TrackerConfig.Keys.DB_URL, TrackerConfig.Keys.DB_USER,
                TrackerConfig.Keys.DB_PASSWORD, TrackerConfig.Keys.ADMIN_TOKEN))
                .containsExactly("tracker.announce-interval", "tracker.min-announce-interval",
                        "tracker.numwant.default", "tracker.numwant.max", "tracker.scrape.max-info-hashes",
                        "tracker.http.trusted-proxies", "tracker.http.allow-ip-spoofing", "tracker.store.type",
                        "tracker.store.peer-lifetime", "tracker.store.gc-interval", "tracker.store.redis.uri",
                        "tracker.store.redis.key-prefix", "tracker.store.redis.cluster",
                        "tracker.udp.listen", "tracker.udp.private-key", "tracker.udp.connection-id-lifetime",
                        "tracker.udp.metrics", "tracker.lists.mode", "tracker.db.url", "tracker.db.user",
                        "tracker.db.password", "tracker.admin.token");
    }
}
