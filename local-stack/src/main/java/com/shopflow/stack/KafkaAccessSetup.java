package com.shopflow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Gives the secure local broker its services' SCRAM-SHA-512 users and the ACLs of {@code deploy/kafka/acls.csv}, what
 * compose's {@code deploy/kafka/init.sh} does with the console tools. Runs in its own JVM with {@code kafka-lib} on the
 * classpath, started by {@link KafkaComponent} once the broker is up; idempotent (users are upserted, identical ACLs
 * are kept once). Arguments: bootstrap servers, the passwords file, the ACL table.
 */
public final class KafkaAccessSetup {

    private static final int ITERATIONS = 8192;

    private KafkaAccessSetup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: KafkaAccessSetup <bootstrap> <passwords.properties> <acls.csv>");
        }
        Properties passwords = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            passwords.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + args[1], e);
        }
        KafkaAcls acls = KafkaAcls.load(Path.of(args[2]));
        Map<String, Object> config = Map.of("bootstrap.servers", args[0],
                "security.protocol", KafkaSecurity.PROTOCOL,
                "sasl.mechanism", KafkaSecurity.MECHANISM,
                "sasl.jaas.config", KafkaSecurity.jaas(KafkaSecurity.ADMIN, passwords.getProperty(KafkaSecurity.ADMIN)));
        try (Admin admin = Admin.create(config)) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (String principal : acls.principals()) {
                String password = passwords.getProperty(principal);
                if (password == null) {
                    throw new IllegalStateException(args[2] + " names " + principal + ", which has no password in "
                            + args[1] + " (not a service of ServiceSpec.ALL?)");
                }
                users.add(new UserScramCredentialUpsertion(principal,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password));
            }
            admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
            acls.apply(admin);
        }
        System.out.println("KafkaAccessSetup: " + acls.principals().size() + " SCRAM users and "
                + acls.entries().size() + " ACLs of " + args[2] + " in place");
    }
}
