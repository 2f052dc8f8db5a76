package org.bittern.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The configured admin token and the check of an {@code Authorization} header against it. Both sides are hashed
 * (SHA-256) before {@link MessageDigest#isEqual}, so the comparison takes the same time whatever the length of
 * what was sent and however much of it matches.
 */
public final class AdminToken {
    private static final String BEARER = "Bearer ";

    private final byte[] digest;

    public AdminToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        digest = sha256(token);
    }

    /** @param authorization the header's value, or null when absent */
    public Check check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Check.MISSING;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Check.NOT_BEARER;
        }
        String presented = authorization.substring(BEARER.length()).strip();
        return MessageDigest.isEqual(digest, sha256(presented)) ? Check.OK : Check.WRONG;
    }

    public enum Check {
        OK, MISSING, NOT_BEARER, WRONG
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "AdminToken[***]";
    }
}
