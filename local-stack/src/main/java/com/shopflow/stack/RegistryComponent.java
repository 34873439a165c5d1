package com.shopflow.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Apicurio Registry 3.3.3 from its Central distribution (unpacked by the build into
 * {@code local-stack/target/apicurio}), storing schemas in a file-backed H2 database in the run folder so schema ids
 * stay valid for the records already in Kafka.
 */
final class RegistryComponent extends Component {

    RegistryComponent() {
        super("registry");
    }

    @Override
    List<String> portNames() {
        return List.of(Ports.REGISTRY, Ports.REGISTRY_MANAGEMENT);
    }

    private static Path distribution(Options options) {
        return options.stackHome().resolve("apicurio");
    }

    @Override
    Optional<String> unavailable(StackContext context) {
        Path jar = distribution(context.options()).resolve("quarkus-run.jar");
        return Files.isRegularFile(jar) ? Optional.empty() : Optional.of(jar + " is missing; build local-stack first");
    }

    @Override
    List<String> command(StackContext context) {
        Path home = distribution(context.options());
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        jvm.addAll(classDataSharing(context, home, "registry"));
        jvm.addAll(List.of("-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.http.port=" + context.port(Ports.REGISTRY),
                        "-Dquarkus.management.host=127.0.0.1",
                        "-Dquarkus.management.port=" + context.port(Ports.REGISTRY_MANAGEMENT),
                        // The serde writes content ids; the Confluent API must call those schema ids too.
                "-Dapicurio.ccompat.legacy-id-mode.enabled=false"));
        return java(context, jvm, List.of("-jar", home.resolve("quarkus-run.jar").toString()));
    }

    @Override
    Map<String, String> environment(StackContext context) {
        Path storage = context.runFolder().dir(name()).resolve("registry");
        return Map.of("APICURIO_DATASOURCE_URL", "jdbc:h2:file:" + storage);
    }

    @Override
    boolean healthy(StackContext context) {
        return Http.ok("http://127.0.0.1:" + context.port(Ports.REGISTRY_MANAGEMENT) + "/health/ready", null);
    }

    @Override
    List<String[]> urls(StackContext context) {
        String base = "http://localhost:" + context.port(Ports.REGISTRY);
        return List.of(
                new String[] {"Schema registry", base + "/apis/registry/v3/search/artifacts"},
                new String[] {"  Confluent API", base + "/apis/ccompat/v7/subjects"});
    }
}
