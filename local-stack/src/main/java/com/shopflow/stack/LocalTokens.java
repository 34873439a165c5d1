package com.shopflow.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The local stack's token issuer, for development only: an RSA key pair made once under {@code .run/security/} (never
 * committed; {@code ./stack clean} deletes it), whose public key every service trusts
 * ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}), and RS256 bearer tokens signed with the
 * private key: {@code iss} {@value #ISSUER}, {@code aud} {@value #AUDIENCE}, {@code sub} the customer id, scope
 * {@value #ADMIN_SCOPE} for an admin, valid {@link #LIFETIME}. Plain JDK crypto, so the launcher needs no JOSE library.
 */
public final class LocalTokens {

    public static final String ISSUER = "shopflow-local";
    public static final String AUDIENCE = "shopflow";
    public static final String ADMIN_SCOPE = "shopflow.admin";
    /** The subject of an admin token. */
    public static final String ADMIN_SUBJECT = "local-admin";
    public static final Duration LIFETIME = Duration.ofHours(12);

    private static final String PRIVATE_KEY_FILE = "jwt-signing-key.pem";
    private static final String PUBLIC_KEY_FILE = "jwt-public-key.pem";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final Path publicKey;

    private LocalTokens(PrivateKey privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key pair in {@code folder}, made there on first use. */
    public static synchronized LocalTokens in(Path folder) {
        Path privateFile = folder.resolve(PRIVATE_KEY_FILE);
        Path publicFile = folder.resolve(PUBLIC_KEY_FILE);
        try {
            if (!Files.isRegularFile(privateFile) || !Files.isRegularFile(publicFile)) {
                generate(folder, privateFile, publicFile);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                    .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
            return new LocalTokens(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)),
                    publicFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new StackException("Cannot read or make the local signing key in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Path folder, Path privateFile, Path publicFile)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(folder);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path tmp = Files.createTempFile(folder, PRIVATE_KEY_FILE, ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file is private to the user's profile anyway
        }
        Files.writeString(tmp, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        // Public key first: a reader that sees the private key finds its public half too.
        RunFolder.writeAtomically(publicFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        Files.move(tmp, privateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The PEM file of the public key, for the services. */
    public Path publicKeyFile() {
        return publicKey;
    }

    /** A bearer token of {@code customerId} (the id the API takes as {@code customerId}). */
    public String customer(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new StackException("A customer token needs a customer id, e.g. ./stack token alice");
        }
        return token(customerId, null);
    }

    /** A bearer token with scope {@value #ADMIN_SCOPE}. */
    public String admin() {
        return token(ADMIN_SUBJECT, ADMIN_SCOPE);
    }

    private String token(String subject, String scope) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":" + json(subject)
                + ",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + LIFETIME.toSeconds())
                + (scope == null ? "" : ",\"scope\":" + json(scope)) + "}";
        String signingInput = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
