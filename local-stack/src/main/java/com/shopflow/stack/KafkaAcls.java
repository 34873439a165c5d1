package com.shopflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACL table of shopflow ({@code deploy/kafka/acls.csv}), read the one way every consumer of it reads it:
 * one ALLOW row per {@code principal,resource_type,resource_name,operation}, literal names, any host. Used by
 * {@code ./stack up --secure-kafka} (in {@link KafkaAccessSetup}'s JVM, which has Kafka on its classpath; the launcher
 * itself never loads this class) and by this module's {@code KafkaAclTests}.
 */
public final class KafkaAcls {

    /** Where the table lives, relative to the repository root. */
    public static final String TABLE = "deploy/kafka/acls.csv";

    /** One row: the SCRAM user (a service name) may do {@code operation} on the named topic or group. */
    public record Entry(String principal, ResourceType resourceType, String resourceName, AclOperation operation) {

        public AclBinding binding() {
            return new AclBinding(new ResourcePattern(resourceType, resourceName, PatternType.LITERAL),
                    new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
        }

        /** The equivalent {@code kafka-acls} arguments, for documentation and shell use. */
        public String kafkaAclsArguments() {
            return "--add --allow-principal User:" + principal + " --operation " + operation.name()
                    + (resourceType == ResourceType.TOPIC ? " --topic " : " --group ") + resourceName;
        }
    }

    private final List<Entry> entries;

    private KafkaAcls(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The table of the checkout that contains the working directory (a module folder or the root). */
    public static KafkaAcls ofRepository() {
        return of(Options.findRepoRoot());
    }

    /** The table of the checkout at {@code repoRoot}. */
    public static KafkaAcls of(Path repoRoot) {
        return load(repoRoot.resolve(TABLE));
    }

    public static KafkaAcls load(Path csv) {
        try {
            return parse(Files.readAllLines(csv));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ACL table " + csv, e);
        }
    }

    static KafkaAcls parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 4) {
                throw new IllegalArgumentException("ACL row needs 4 cells (principal,resource_type,resource_name,"
                        + "operation): " + raw);
            }
            ResourceType type = ResourceType.fromString(cells[1].strip());
            if (type != ResourceType.TOPIC && type != ResourceType.GROUP) {
                throw new IllegalArgumentException("resource type must be TOPIC or GROUP: " + raw);
            }
            AclOperation operation = AclOperation.fromString(cells[3].strip().toUpperCase(Locale.ROOT));
            if (operation == AclOperation.UNKNOWN || operation == AclOperation.ANY || operation == AclOperation.ALL) {
                throw new IllegalArgumentException("operation must be a single named operation: " + raw);
            }
            entries.add(new Entry(cells[0].strip(), type, cells[2].strip(), operation));
        }
        return new KafkaAcls(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Every principal named in the table (the services), sorted. */
    public Set<String> principals() {
        Set<String> principals = new TreeSet<>();
        entries.forEach(e -> principals.add(e.principal()));
        return principals;
    }

    /** Topics {@code principal} may do {@code operation} on. */
    public Set<String> topics(String principal, AclOperation operation) {
        Set<String> topics = new TreeSet<>();
        entries.stream()
                .filter(e -> e.principal().equals(principal) && e.resourceType() == ResourceType.TOPIC
                        && e.operation() == operation)
                .forEach(e -> topics.add(e.resourceName()));
        return topics;
    }

    /** Every topic named anywhere in the table. */
    public Set<String> allTopics() {
        Set<String> topics = new TreeSet<>();
        entries.stream().filter(e -> e.resourceType() == ResourceType.TOPIC).forEach(e -> topics.add(e.resourceName()));
        return topics;
    }

    public List<AclBinding> bindings() {
        return entries.stream().map(Entry::binding).toList();
    }

    /** Creates every ACL of the table (idempotent: Kafka keeps one copy of an identical binding). */
    public void apply(Admin admin) {
        try {
            admin.createAcls(bindings()).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the ACLs of " + TABLE + ": " + e.getMessage(), e);
        }
    }
}
