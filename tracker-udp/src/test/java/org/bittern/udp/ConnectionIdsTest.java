package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ConnectionIdsTest {
    static final byte[] KEY = "a shared sidecar key, 32 bytes!!".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CLIENT = {127, 0, 0, 1};
    static final byte[] OTHER_CLIENT = {127, 0, 0, 2};
    static final byte[] CLIENT6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static final long LIFETIME = 150;
    static final long SKEW = 10;
    static final long NOW = 1_795_000_000L;

    final ConnectionIds ids = new ConnectionIds(KEY, LIFETIME, SKEW);

    @Test
    void anIdIsValidForItsClientUntilTheLifetimeEnds() {
        long id = ids.issue(CLIENT, 4, NOW);

        assertThat(ids.isValid(id, CLIENT, 4, NOW)).isTrue();
        assertThat(ids.isValid(id, CLIENT, 4, NOW + LIFETIME)).isTrue();
        assertThat(ids.isValid(id, CLIENT, 4, NOW + LIFETIME + 1)).isFalse();
    }

    @Test
    void theIdCarriesItsIssueTimeInTheHighFourBytes() {
        assertThat(ids.issue(CLIENT, 4, NOW) >>> 32).isEqualTo(NOW);
    }

    @Test
    void anIdFromTheNearFutureIsAcceptedWithinTheSkewOnly() {
        long id = ids.issue(CLIENT, 4, NOW + SKEW);
        long tooNew = ids.issue(CLIENT, 4, NOW + SKEW + 1);

        assertThat(ids.isValid(id, CLIENT, 4, NOW)).isTrue();
        assertThat(ids.isValid(tooNew, CLIENT, 4, NOW)).isFalse();
    }

    @Test
    void anIdIsBoundToTheClientAddress() {
        long id = ids.issue(CLIENT, 4, NOW);

        assertThat(ids.isValid(id, OTHER_CLIENT, 4, NOW)).isFalse();
        assertThat(ids.isValid(ids.issue(CLIENT6, 16, NOW), CLIENT6, 16, NOW)).isTrue();
        assertThat(ids.isValid(id, CLIENT6, 16, NOW)).isFalse();
    }

    @Test
    void anotherSidecarWithTheSameKeyAcceptsTheIdAndOneWithAnotherKeyDoesNot() {
        long id = ids.issue(CLIENT, 4, NOW);
        ConnectionIds sameKey = new ConnectionIds(KEY.clone(), LIFETIME, SKEW);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;

        assertThat(sameKey.isValid(id, CLIENT, 4, NOW + 5)).isTrue();
        assertThat(new ConnectionIds(otherKey, LIFETIME, SKEW).isValid(id, CLIENT, 4, NOW + 5)).isFalse();
    }

    @Test
    void changingAnyBitOfTheTagOrMovingTheTimeInvalidatesTheId() {
        long id = ids.issue(CLIENT, 4, NOW);
        for (int bit = 0; bit < 32; bit++) {
            assertThat(ids.isValid(id ^ (1L << bit), CLIENT, 4, NOW)).as("tag bit %d", bit).isFalse();
        }
        // A forger who shifts the time to extend an id's life must also forge the tag.
        assertThat(ids.isValid(id + (100L << 32), CLIENT, 4, NOW + 100)).isFalse();
    }

    @Test
    void theKeyFingerprintTellsKeysApartAndIsStable() {
        byte[] otherKey = KEY.clone();
        otherKey[5] ^= 1;

        assertThat(ids.fingerprint()).hasSize(4).isEqualTo(new ConnectionIds(KEY, 1, 1).fingerprint());
        assertThat(new ConnectionIds(otherKey, 1, 1).fingerprint()).isNotEqualTo(ids.fingerprint());
    }

    @Property
    void aGuessedIdIsRejected(@ForAll long guess, @ForAll @Size(4) byte[] address) {
        // The chance that a random guess is valid is 2^-32 per guess within the lifetime; jqwik's 1000 tries
        // would hit it with probability ~2^-22, low enough to treat a hit as a bug.
        assertThat(ids.isValid(guess, address, 4, NOW)).isFalse();
    }

    @Property
    void anIssuedIdAlwaysValidatesForItsOwnAddress(@ForAll @Size(16) byte[] address) {
        assertThat(ids.isValid(ids.issue(address, 16, NOW), address, 16, NOW + 1)).isTrue();
    }
}
