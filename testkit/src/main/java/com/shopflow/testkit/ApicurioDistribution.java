package com.shopflow.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Apicurio Registry distribution (the {@code apicurio-registry-app} tar.gz from Maven Central) and unpacks it
 * once into a cache folder shared by every module and JVM on this machine.
 */
public final class ApicurioDistribution {

    private static final Logger log = LoggerFactory.getLogger(ApicurioDistribution.class);

    private static final String COMPLETE_MARKER = ".unpacked";

    private ApicurioDistribution() {
    }

    /** The registry version this kit was built against, e.g. {@code 3.3.3}. */
    public static String version() {
        return buildProperties().getProperty("apicurio.version");
    }

    /**
     * The unpacked distribution folder (holding {@code quarkus-run.jar}), unpacking the archive first if no JVM did yet.
     */
    public static Path installed() {
        return installed(cacheRoot());
    }

    /** Like {@link #installed()}, but caching below the given folder. */
    public static synchronized Path installed(Path cacheRoot) {
        Path target = cacheRoot.resolve("apicurio-registry-app-" + version());
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            Path lockFile = cacheRoot.resolve("apicurio-registry-app-" + version() + ".lock");
            // The file lock keeps a second JVM (another module's tests, ./stack) from unpacking at the same moment.
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    unpack(archive(), target);
                }
            }
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not unpack Apicurio Registry into " + target, e);
        }
    }

    /**
     * The distribution archive: system property {@code shopflow.apicurio.distribution}, else the path recorded when this
     * jar was built, else the standard place in the local Maven repository.
     */
    public static Path archive() {
        String explicit = System.getProperty("shopflow.apicurio.distribution");
        if (explicit != null && !explicit.isBlank()) {
            return requireFile(Path.of(explicit));
        }
        String recorded = buildProperties().getProperty("apicurio.distribution", "");
        if (!recorded.isBlank() && !recorded.startsWith("@") && Files.isRegularFile(Path.of(recorded))) {
            return Path.of(recorded);
        }
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        String version = version();
        return requireFile(Path.of(repo, "io", "apicurio", "apicurio-registry-app", version,
                "apicurio-registry-app-" + version + "-all.tar.gz"));
    }

    /** {@code $XDG_CACHE_HOME/shopflow} or {@code ~/.cache/shopflow}, unless {@code shopflow.cache.dir} says otherwise. */
    public static Path cacheRoot() {
        String explicit = System.getProperty("shopflow.cache.dir");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = (xdg != null && !xdg.isBlank()) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("shopflow");
    }

    private static Path requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Apicurio Registry distribution not found at " + path
                    + "; run `./mvnw -pl testkit dependency:resolve` or set -Dshopflow.apicurio.distribution=<tar.gz>");
        }
        return path;
    }

    private static void unpack(Path archive, Path target) throws IOException {
        long start = System.nanoTime();
        Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        deleteRecursively(staging);
        deleteRecursively(target);
        Files.createDirectories(staging);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("Archive entry escapes the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                }
                else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createFile(staging.resolve(COMPLETE_MARKER));
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        log.info("Unpacked {} into {} in {} ms", archive.getFileName(), target, (System.nanoTime() - start) / 1_000_000);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = ApicurioDistribution.class.getResourceAsStream("testkit.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (properties.getProperty("apicurio.version", "").isBlank()
                || properties.getProperty("apicurio.version").startsWith("@")) {
            throw new IllegalStateException("testkit.properties was not filtered by the build");
        }
        return properties;
    }
}
