package com.shopflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Bearer tokens for service tests: one RSA key pair per test JVM, its public key as a PEM file that every Spring test
 * context gets as {@value #PUBLIC_KEY_LOCATION_PROPERTY} (see {@link TestTokensContextCustomizerFactory}), and RS256
 * JWTs like the real ones (audience {@value #AUDIENCE}, {@code sub} = customer id, scope {@value #ADMIN_SCOPE} for an
 * admin), plus the broken kinds a service must refuse. Test code only: the key never leaves the JVM's temp file.
 */
public final class TestTokens {

    /** Where a service reads the public key from (Spring Boot's resource-server property). */
    public static final String PUBLIC_KEY_LOCATION_PROPERTY = "spring.security.oauth2.resourceserver.jwt.public-key-location";
    /** The audience every service expects. */
    public static final String AUDIENCE = "shopflow";
    /** The issuer of test tokens. */
    public static final String ISSUER = "shopflow-test";
    /** The scope of an admin token. */
    public static final String ADMIN_SCOPE = "shopflow.admin";
    /** The subject of {@link #admin()}. */
    public static final String ADMIN_SUBJECT = "test-admin";

    private static final Duration LIFETIME = Duration.ofHours(1);

    private TestTokens() {
    }

    /** The key pairs are made on first use, once per JVM. */
    private static final class Keys {
        static final KeyPair TRUSTED = generate();
        static final KeyPair UNTRUSTED = generate();
        static final Path PUBLIC_KEY_PEM = writePem(TRUSTED);

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Path writePem(KeyPair keys) {
            try {
                Path file = Files.createTempFile("shopflow-test-jwt-", ".pub.pem");
                file.toFile().deleteOnExit();
                String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded());
                Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Spring resource location of the trusted public key, e.g. {@code file:/tmp/shopflow-test-jwt-….pub.pem}. */
    public static String publicKeyLocation() {
        return Keys.PUBLIC_KEY_PEM.toUri().toString();
    }

    /** A valid token of {@code customerId}. */
    public static String customer(String customerId) {
        return sign(claims(customerId).build(), Keys.TRUSTED);
    }

    /** A valid admin token (scope {@value #ADMIN_SCOPE}). */
    public static String admin() {
        return sign(claims(ADMIN_SUBJECT).claim("scope", ADMIN_SCOPE).build(), Keys.TRUSTED);
    }

    /** A customer token that expired an hour ago (well beyond any clock skew). */
    public static String expired(String customerId) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(claims(customerId).issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(LIFETIME))).build(), Keys.TRUSTED);
    }

    /** A customer token valid only from an hour from now ({@code nbf}). */
    public static String notYetValid(String customerId) {
        return sign(claims(customerId).notBeforeTime(Date.from(Instant.now().plus(LIFETIME))).build(), Keys.TRUSTED);
    }

    /** A customer token for another audience. */
    public static String wrongAudience(String customerId) {
        return sign(claims(customerId).audience("some-other-api").build(), Keys.TRUSTED);
    }

    /** An admin token signed with a key the services do not trust. */
    public static String badlySigned() {
        return sign(claims(ADMIN_SUBJECT).claim("scope", ADMIN_SCOPE).build(), Keys.UNTRUSTED);
    }

    /**
     * Every kind of token a service must answer with 401, by name: none ({@code null}), not a JWT, badly signed,
     * expired, not yet valid, for another audience. For parameterized tests over a service's endpoints.
     */
    public static Map<String, String> refused() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("not a JWT", "not-a-jwt");
        tokens.put("bad signature", badlySigned());
        tokens.put("expired", expired("ann"));
        tokens.put("not yet valid", notYetValid("ann"));
        tokens.put("wrong audience", wrongAudience("ann"));
        return Collections.unmodifiableMap(tokens);
    }

    /**
     * Every {@link #refused()} token on every one of {@code endpoints}, as {@code @MethodSource} arguments
     * {@code (token name, token, endpoint)}; an endpoint is whatever the test sends, e.g. {@code "GET /orders"}.
     * Name the cases {@code "{0}: {2}"} so each says which token on which endpoint.
     */
    public static Stream<Arguments> refusedOn(String... endpoints) {
        return refused().entrySet().stream().flatMap(token -> Arrays.stream(endpoints)
                .map(endpoint -> Arguments.of(token.getKey(), token.getValue(), endpoint)));
    }

    /** A token with the given claims, signed with the trusted key. */
    public static String signed(JWTClaimsSet claims) {
        return sign(claims, Keys.TRUSTED);
    }

    /** Valid claims of {@code subject} to build on with {@link #signed}. */
    public static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(List.of(AUDIENCE))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(LIFETIME)));
    }

    private static String sign(JWTClaimsSet claims, KeyPair keys) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
