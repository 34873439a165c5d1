package com.shopflow.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;

/**
 * A KRaft broker (one combined node in this JVM) secured like the compose and production brokers: clients on
 * SASL_PLAINTEXT with SCRAM-SHA-512, the controller listener on SASL_PLAINTEXT with PLAIN, and the StandardAuthorizer
 * denying whatever no ACL allows. The admin user is a super user and exists from the start (a SCRAM record in the
 * bootstrap metadata, what {@code kafka-storage format --add-scram} writes); create the others with
 * {@link #createUser}. Not shared: each caller starts and closes its own.
 */
public final class SecureKafkaBroker implements AutoCloseable {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String ADMIN = "admin";
    private static final int ITERATIONS = 4096;

    private final KafkaClusterTestKit cluster;
    private final String adminPassword;

    private SecureKafkaBroker(KafkaClusterTestKit cluster, String adminPassword) {
        this.cluster = cluster;
        this.adminPassword = adminPassword;
    }

    public static SecureKafkaBroker start(Path workDirectory, String adminPassword) throws Exception {
        TestKitNodes defaults = new TestKitNodes.Builder().build();
        List<ApiMessageAndVersion> records = new ArrayList<>(defaults.bootstrapMetadata().records());
        records.add(new ApiMessageAndVersion(scramRecord(ADMIN, adminPassword), (short) 0));
        TestKitNodes nodes = new TestKitNodes.Builder(BootstrapMetadata.fromRecords(records, "shopflow secure broker"))
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(KafkaBroker.freshDirectory(workDirectory, "kafka-secure"))
                .build();
        String broker = nodes.brokerListenerName().value();
        String controller = nodes.controllerListenerName().value();
        String plainJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";";
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("listener.security.protocol.map",
                        broker + ":SASL_PLAINTEXT," + controller + ":SASL_PLAINTEXT")
                .setConfigProp("sasl.enabled.mechanisms", MECHANISM)
                .setConfigProp("sasl.mechanism.inter.broker.protocol", MECHANISM)
                .setConfigProp("listener.name." + broker.toLowerCase() + ".scram-sha-512.sasl.jaas.config",
                        jaas(ADMIN, adminPassword))
                // SCRAM credentials live in the metadata log, so the controllers authenticate each other with PLAIN.
                .setConfigProp("sasl.mechanism.controller.protocol", "PLAIN")
                .setConfigProp("listener.name." + controller.toLowerCase() + ".sasl.enabled.mechanisms", "PLAIN")
                .setConfigProp("listener.name." + controller.toLowerCase() + ".plain.sasl.jaas.config", plainJaas)
                .setConfigProp("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .setConfigProp("allow.everyone.if.no.acl.found", "false")
                .setConfigProp("super.users", "User:" + ADMIN)
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("num.partitions", "1");
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new SecureKafkaBroker(cluster, adminPassword);
    }

    /** The {@code sasl.jaas.config} value of a SCRAM client. */
    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Client settings (bootstrap, SASL_PLAINTEXT, SCRAM-SHA-512) for {@code user}; add serdes and the rest. */
    public Map<String, Object> clientConfig(String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
        return config;
    }

    /** A new admin client of the super user; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientConfig(ADMIN, adminPassword));
    }

    /** Creates or updates a SCRAM-SHA-512 user, what {@code kafka-configs --alter --add-config} does. */
    public void createUser(String user, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create SCRAM user " + user + ": " + e.getMessage(), e);
        }
    }

    private static UserScramCredentialRecord scramRecord(String user, String password) throws Exception {
        ScramCredential credential = new ScramFormatter(
                org.apache.kafka.common.security.scram.internals.ScramMechanism.SCRAM_SHA_512)
                .generateCredential(password, ITERATIONS);
        return new UserScramCredentialRecord()
                .setName(user)
                .setMechanism(ScramMechanism.SCRAM_SHA_512.type())
                .setSalt(credential.salt())
                .setStoredKey(credential.storedKey())
                .setServerKey(credential.serverKey())
                .setIterations(credential.iterations());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
