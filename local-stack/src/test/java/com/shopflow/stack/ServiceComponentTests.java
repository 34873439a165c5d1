package com.shopflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a service is started: from a copy of its jar, so rebuilding the checkout leaves a running service alone. */
class ServiceComponentTests {

    @TempDir
    Path repo;

    @TempDir
    Path runDir;

    @Test
    void runsACopyOfTheJarThatARebuildDoesNotTouch() throws Exception {
        ServiceSpec spec = ServiceSpec.ALL.getFirst();
        Options options = Options.defaults().withRepoRoot(repo).withRunDir(runDir);
        StackContext context = new StackContext(options, new RunFolder(options.runDir()), Ports.defaults());
        Path built = ServiceComponent.jar(options, spec);
        Files.createDirectories(built.getParent());
        Files.writeString(built, "first build");
        ServiceComponent service = new ServiceComponent(spec);

        service.prepare(context);
        Files.writeString(built, "second build");

        Path running = service.runningJar(context);
        assertThat(service.command(context)).contains(running.toString()).doesNotContain(built.toString());
        assertThat(running).startsWith(runDir).hasContent("first build");
        // The next start takes the new build.
        service.prepare(context);
        assertThat(running).hasContent("second build");
    }
}
