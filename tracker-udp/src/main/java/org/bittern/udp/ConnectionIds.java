package org.bittern.udp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless BEP 15 connection ids: 4 bytes of issue time (seconds, unsigned) followed by the first 4 bytes of
 * HMAC-SHA256(key, time ‖ client address). Any sidecar holding the same key can check an id another one issued,
 * so a load balancer may spread one client's packets over many sidecars, and nothing is stored per client.
 *
 * <p>Not thread-safe (a {@link Mac} is stateful): each receive worker owns one instance.
 */
public final class ConnectionIds {
    static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;
    private final long lifetimeSeconds;
    private final long maxSkewSeconds;
    private final byte[] message = new byte[4 + 16];
    private final byte[] digest = new byte[32];

    /**
     * @param key             the shared secret ({@code tracker.udp.private-key})
     * @param lifetimeSeconds how long an id stays valid, grace included
     * @param maxSkewSeconds  how far in the future an id's time may lie (clocks of several sidecars differ)
     */
    public ConnectionIds(byte[] key, long lifetimeSeconds, long maxSkewSeconds) {
        try {
            this.mac = Mac.getInstance(ALGORITHM);
            this.mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e); // every Java SE has it
        }
        this.lifetimeSeconds = lifetimeSeconds;
        this.maxSkewSeconds = maxSkewSeconds;
    }

    /** A new id for a client at {@code address} (4 or 16 bytes), issued at {@code nowSeconds}. */
    public long issue(byte[] address, int addressLength, long nowSeconds) {
        int time = (int) nowSeconds;
        return ((long) time << 32) | (tag(time, address, addressLength) & 0xffffffffL);
    }

    /** Whether {@code id} was issued by a holder of the key to this address, and is neither expired nor too new. */
    public boolean isValid(long id, byte[] address, int addressLength, long nowSeconds) {
        long issued = id >>> 32;
        // The 32-bit time wraps in 2106; comparing in the unsigned domain of "now" keeps the arithmetic simple.
        long age = (nowSeconds & 0xffffffffL) - issued;
        if (age > lifetimeSeconds || age < -maxSkewSeconds) {
            return false;
        }
        int expected = tag((int) issued, address, addressLength);
        // One 32-bit comparison: unlike a byte-by-byte loop it cannot reveal how long a matching prefix was.
        return (expected ^ (int) id) == 0;
    }

    /** The first 4 bytes of the MAC of a fixed label: tells keys apart in logs without revealing them. */
    public byte[] fingerprint() {
        return Arrays.copyOf(mac.doFinal("bittern key fingerprint".getBytes(StandardCharsets.US_ASCII)), 4);
    }

    private int tag(int time, byte[] address, int addressLength) {
        message[0] = (byte) (time >>> 24);
        message[1] = (byte) (time >>> 16);
        message[2] = (byte) (time >>> 8);
        message[3] = (byte) time;
        System.arraycopy(address, 0, message, 4, addressLength);
        mac.update(message, 0, 4 + addressLength);
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // unreachable: the buffer holds a SHA-256 digest
        }
        return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
    }
}
