package org.bittern.middleware.subnetpreference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bittern.config.ConfigFixtures.config;

import org.bittern.bittorrent.SubnetPreference;
import org.bittern.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubnetPreferenceConfigTest {

    private static final String V4 = "tracker.middleware.subnet-preference.ipv4-prefix";
    private static final String V6 = "tracker.middleware.subnet-preference.ipv6-prefix";

    @Test
    void offUnlessConfigured() {
        assertThat(SubnetPreferenceConfig.from(config())).isEmpty();
        assertThat(SubnetPreferenceConfig.from(config(V4, " ", V6, ""))).isEmpty();
    }

    @Test
    void readsEachFamilyAloneOrBoth() {
        assertThat(SubnetPreferenceConfig.from(config(V4, "24", V6, "64"))).contains(new SubnetPreference(24, 64));
        assertThat(SubnetPreferenceConfig.from(config(V4, "/22"))).contains(new SubnetPreference(22, 0));
        assertThat(SubnetPreferenceConfig.from(config(V6, "48"))).contains(new SubnetPreference(0, 48));
        assertThat(SubnetPreferenceConfig.from(config(V4, "32", V6, "128"))).contains(new SubnetPreference(32, 128));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tracker.middleware.subnet-preference.ipv4-prefix | 0    | must be a prefix length from 1 to 32 (e.g. 24), got '0'",
            "tracker.middleware.subnet-preference.ipv4-prefix | 33   | must be a prefix length from 1 to 32 (e.g. 24), got '33'",
            "tracker.middleware.subnet-preference.ipv4-prefix | -8   | must be a prefix length from 1 to 32 (e.g. 24), got '-8'",
            "tracker.middleware.subnet-preference.ipv4-prefix | 24.5 | must be a prefix length from 1 to 32 (e.g. 24), got '24.5'",
            "tracker.middleware.subnet-preference.ipv4-prefix | 255.255.255.0 | must be a prefix length from 1 to 32 (e.g. 24), got '255.255.255.0'",
            "tracker.middleware.subnet-preference.ipv6-prefix | 129  | must be a prefix length from 1 to 128 (e.g. 64), got '129'",
            "tracker.middleware.subnet-preference.ipv6-prefix | /    | must be a prefix length from 1 to 128 (e.g. 64), got '/'",
            "tracker.middleware.subnet-preference.ipv6-prefix | 00064000 | must be a prefix length from 1 to 128 (e.g. 64), got '00064000'",
    })
    void invalidValuesNameTheirKey(String key, String value, String reason) {
        assertThatThrownBy(() -> SubnetPreferenceConfig.from(config(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(key + ": " + reason)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }

    @Test
    void aMisspeltKeyIsAStartError() {
        assertThatThrownBy(() -> SubnetPreferenceConfig.from(config(V4, "24",
                "tracker.middleware.subnet-preference.ipv4", "24")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracker.middleware.subnet-preference.ipv4: unknown key; "
                        + "tracker.middleware.subnet-preference takes ipv4-prefix, ipv6-prefix");
    }
}
