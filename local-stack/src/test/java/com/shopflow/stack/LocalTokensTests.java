package com.shopflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokensTests {

    private static final Path LOCAL_DEV_SECRETS = Options.findRepoRoot().resolve("deploy").resolve("local-dev-secrets");
    private static final Path COMPOSE_PRIVATE_KEY = LOCAL_DEV_SECRETS.resolve("jwt-private-local-dev.pem");
    private static final Path COMPOSE_PUBLIC_KEY = LOCAL_DEV_SECRETS.resolve("jwt-public-local-dev.pem");

    @TempDir
    Path runDir;

    @Test
    void tokenWithComposeKeyVerifiesAgainstThePublicKeyTheComposedServicesTrust() throws Exception {
        String token = LocalTokens.signedWith(COMPOSE_PRIVATE_KEY).customer("alice");

        assertThat(verifies(token, COMPOSE_PUBLIC_KEY)).isTrue();
        assertThat(claims(token)).contains("\"sub\":\"alice\"", "\"aud\":\"shopflow\"", "\"iss\":\"shopflow-local\"")
                .doesNotContain("scope");
    }

    @Test
    void tokenCommandSignsWithTheKeyGivenByKeyOption() throws Exception {
        String token = cli("token", "--key", COMPOSE_PRIVATE_KEY.toString(), "--admin");

        assertThat(verifies(token, COMPOSE_PUBLIC_KEY)).isTrue();
        assertThat(claims(token)).contains("\"scope\":\"shopflow.admin\"");
        assertThat(Files.exists(runDir.resolve("security"))).as("no stack key pair made").isFalse();
    }

    @Test
    void tokenCommandWithoutKeyOptionStillSignsWithTheStacksOwnKey() throws Exception {
        String token = cli("token", "alice");

        Path stackPublicKey = LocalTokens.in(runDir.resolve("security")).publicKeyFile();
        assertThat(verifies(token, stackPublicKey)).isTrue();
        assertThat(verifies(token, COMPOSE_PUBLIC_KEY)).isFalse();
    }

    @Test
    void refusesAPublicKeyGivenAsSigningKeyAndSaysWhatItNeeds() {
        assertThatThrownBy(() -> LocalTokens.signedWith(COMPOSE_PUBLIC_KEY))
                .isInstanceOf(StackException.class).hasMessageContaining("PKCS#8 private key");
    }

    @Test
    void refusesAMissingKeyFileNamingIt() {
        Path missing = runDir.resolve("nowhere.pem");

        assertThatThrownBy(() -> cli("token", "--key", missing.toString(), "alice"))
                .isInstanceOf(StackException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void keyOptionBelongsToTheTokenCommandOnly() {
        assertThatThrownBy(() -> cli("status", "--key", COMPOSE_PRIVATE_KEY.toString()))
                .isInstanceOf(StackException.class).hasMessageContaining("--key");
    }

    private String cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--run-dir=" + runDir);
        int code = new StackCli(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(all);
        assertThat(code).isZero();
        return bytes.toString(StandardCharsets.UTF_8).trim();
    }

    private static boolean verifies(String token, Path publicKeyPem) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey(publicKeyPem));
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
