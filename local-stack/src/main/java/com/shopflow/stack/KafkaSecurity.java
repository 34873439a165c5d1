package com.shopflow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The local broker's SASL/SCRAM side ({@code ./stack up --secure-kafka}): which mode a run folder's Kafka data was
 * formatted in, the users' passwords (made once, kept in {@code <run>/kafka/passwords.properties}, owner-only), and the
 * client settings of each user. Kafka-free, so the launcher can use it without Kafka on its classpath.
 */
final class KafkaSecurity {

    static final String ADMIN = "admin";
    static final String PROTOCOL = "SASL_PLAINTEXT";
    static final String MECHANISM = "SCRAM-SHA-512";

    private final Path dir;

    private KafkaSecurity(Path dir) {
        this.dir = dir;
    }

    /** The Kafka folder of a run folder ({@code <run>/kafka}). */
    static KafkaSecurity in(RunFolder runFolder) {
        return new KafkaSecurity(runFolder.dir("kafka"));
    }

    private Path marker() {
        return dir.resolve("security.protocol");
    }

    Path passwordsFile() {
        return dir.resolve("passwords.properties");
    }

    /** Client settings of the super user for Kafka's console tools ({@code --command-config}). */
    Path adminProperties() {
        return dir.resolve("admin.properties");
    }

    /** Whether the data was formatted with SASL; empty while it is not formatted yet (the next start decides). */
    Optional<Boolean> formattedSecure() {
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(marker()).strip().equals(PROTOCOL));
        } catch (NoSuchFileException e) {
            return Optional.of(false); // formatted before --secure-kafka existed: plaintext
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records the mode before the storage is formatted, so a formatted folder always knows its mode. */
    void recordMode(boolean secure) {
        RunFolder.writeAtomically(marker(), (secure ? PROTOCOL : "PLAINTEXT") + "\n");
    }

    /** Fails {@code up} when the data was formatted in the other mode: the SCRAM users live in the formatted metadata. */
    void checkMode(boolean wantSecure) {
        formattedSecure().filter(secure -> secure != wantSecure).ifPresent(secure -> {
            throw new StackException("Kafka's data in " + dir + " was made " + (secure
                    ? "with SASL/ACLs (./stack up --secure-kafka); start it the same way,"
                    : "without SASL/ACLs; start it without --secure-kafka,")
                    + " or switch with ./stack clean (deletes all data of the run folder) and up again.");
        });
    }

    /**
     * A password per user: the admin and every service (SCRAM user = service name, the principal of
     * {@code deploy/kafka/acls.csv}). Made once with a secure random and kept; a user added later gets one on the next
     * start.
     */
    Map<String, String> passwords() {
        synchronized (KafkaSecurity.class) { // the broker's and the services' starts run in parallel
            return loadOrMakePasswords();
        }
    }

    private Map<String, String> loadOrMakePasswords() {
        Properties stored = new Properties();
        try (InputStream in = Files.newInputStream(passwordsFile())) {
            stored.load(in);
        } catch (NoSuchFileException e) {
            // first secure start
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        boolean changed = false;
        SecureRandom random = new SecureRandom();
        for (String user : users()) {
            String password = stored.getProperty(user);
            if (password == null) {
                byte[] bytes = new byte[18];
                random.nextBytes(bytes);
                password = HexFormat.of().formatHex(bytes);
                changed = true;
            }
            passwords.put(user, password);
        }
        if (changed) {
            StringBuilder text = new StringBuilder("# SCRAM-SHA-512 passwords of the local broker, made by "
                    + "./stack up --secure-kafka; never commit them.\n");
            new TreeMap<>(passwords).forEach((user, password) -> text.append(user).append('=').append(password)
                    .append('\n'));
            RunFolder.writeAtomically(passwordsFile(), text.toString());
        }
        return passwords;
    }

    private static List<String> users() {
        List<String> users = new ArrayList<>();
        users.add(ADMIN);
        ServiceSpec.ALL.forEach(spec -> users.add(spec.name()));
        return users;
    }

    String password(String user) {
        String password = passwords().get(user);
        if (password == null) {
            throw new StackException("No Kafka user " + user + "; known: " + passwords().keySet());
        }
        return password;
    }

    /** The {@code sasl.jaas.config} value of a SCRAM client. */
    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} of {@code user}. */
    Map<String, String> clientProperties(String user) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", PROTOCOL);
        properties.put("sasl.mechanism", MECHANISM);
        properties.put("sasl.jaas.config", jaas(user, password(user)));
        return properties;
    }

    /** Writes {@link #adminProperties()} (owner-only, like every file the stack writes). */
    void writeAdminProperties() {
        StringBuilder text = new StringBuilder("# The super user of the local broker, for Kafka's console tools:\n"
                + "#   kafka-console-consumer.sh --bootstrap-server 127.0.0.1:<port> --command-config <this file> ...\n");
        clientProperties(ADMIN).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        RunFolder.writeAtomically(adminProperties(), text.toString());
    }
}
