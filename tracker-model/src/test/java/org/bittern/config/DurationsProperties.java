package org.bittern.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DurationsProperties {

    @Property(tries = 2000)
    void arbitraryStringsNeverThrowAnythingButConfigException(@ForAll String text) {
        assertOnlyConfigException(text);
    }

    @Property(tries = 2000)
    void durationLookingStringsNeverThrowAnythingButConfigException(@ForAll("durationish") String text) {
        assertOnlyConfigException(text);
    }

    @Provide
    Arbitrary<String> durationish() {
        return Arbitraries.strings().withChars("0123456789PTDHMSptdhms.,-+ ").ofMinLength(0).ofMaxLength(30);
    }

    private static void assertOnlyConfigException(String text) {
        try {
            Duration d = Durations.parse("some.key", text);
            assertThat(d.isNegative()).isFalse();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith("some.key: ").doesNotContain("\n").doesNotContain("\r");
            assertThat(e.key()).isEqualTo("some.key");
        }
    }

    @Property
    void secondsRoundTrip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n) {
        assertThat(Durations.parse("k", n + "s")).isEqualTo(Duration.ofSeconds(n));
    }

    @Property
    void formatRoundTrips(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long seconds,
                          @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                          @ForAll boolean wholeMillis) {
        Duration d = Duration.ofSeconds(seconds, wholeMillis ? nanos / 1_000_000 * 1_000_000 : nanos);
        assertThat(Durations.parse("k", Durations.format(d))).isEqualTo(d);
    }
}
