package com.shopflow.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.shopflow.stack.ServiceSpec;

/**
 * A private copy of the four service jars for one chaos run, laid out like a checkout ({@code <service>/target/
 * <service>.jar}, with {@code local-stack/target} linked to the real one) and passed to the stack as its repository.
 * <p>
 * Why: {@code LocalStack} runs each service straight from {@code <service>/target/<service>.jar}. A Spring Boot
 * service loads classes lazily from its (nested) jar, so when someone rebuilds that jar while the stack runs, the
 * running JVM fails on the next class it loads (seen here: {@code NoClassDefFoundError:
 * org/apache/avro/Resolver$EnumAdjust} in payment-service's listener, which stopped its container and stalled the
 * consumer group). A chaos run lasts long enough on a shared checkout for that to happen.
 */
public final class JarSnapshot {

    private JarSnapshot() {
    }

    /** Copies the service jars under {@code <runDir>/repo} and returns that folder (use it as the repo root). */
    public static Path of(Path repoRoot, Path runDir) {
        Path repo = runDir.resolve("repo");
        try {
            for (ServiceSpec service : ServiceSpec.ALL) {
                Path jar = repoRoot.resolve(service.name()).resolve("target").resolve(service.name() + ".jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is not built (./mvnw -B -q install -DskipTests)");
                }
                Path copy = repo.resolve(service.name()).resolve("target").resolve(service.name() + ".jar");
                Files.createDirectories(copy.getParent());
                // Copy to a temporary name first: a jar being rewritten right now fails to open, not half-copied.
                Path partial = copy.resolveSibling(copy.getFileName() + ".part");
                Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Path stackHome = repo.resolve("local-stack").resolve("target");
            Files.createDirectories(stackHome.getParent());
            Files.deleteIfExists(stackHome);
            Files.createSymbolicLink(stackHome, repoRoot.resolve("local-stack").resolve("target").toAbsolutePath());
            Files.writeString(repo.resolve("local-stack").resolve("pom.xml"), "<!-- marker: see JarSnapshot -->\n");
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot snapshot the service jars into " + repo, e);
        }
    }
}
