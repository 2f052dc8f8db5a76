package org.bittern.middleware.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bittern.bittorrent.InfoHash;

/** Keys made in the test and tokens signed with them, as an issuer such as Quay would sign them. */
public final class JwtFixtures {
    public static final String ISSUER = "https://registry.test";
    public static final String AUDIENCE = "bittern-test";

    private JwtFixtures() {
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK set document of {@code keys}, as the issuer's JWKS URL serves it. */
    public static String jwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** Claims a valid token for {@code infoHash} has: issuer, audience, infohash, a minute of validity. */
    public static JWTClaimsSet.Builder claims(InfoHash infoHash) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of("someone-else", AUDIENCE))
                .claim(JwtVerification.INFOHASH_CLAIM, infoHash.toHex())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(1))));
    }

    public static String token(JWK key, InfoHash infoHash) {
        return token(key, infoHash, c -> c);
    }

    /** A token signed by {@code key} (RS256 for an RSA key, ES256 for an EC key) with its {@code kid}. */
    public static String token(JWK key, InfoHash infoHash, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                    .build(), change.apply(claims(infoHash)).build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
