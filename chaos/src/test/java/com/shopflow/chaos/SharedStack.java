package com.shopflow.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.shopflow.stack.LocalStack;
import com.shopflow.stack.Options;
import com.shopflow.stack.RunningStack;

/**
 * One stack for every test class of this module (starting it is most of the suite's time): started on first use in
 * a run folder under {@code target/}, stopped when the test JVM exits.
 */
final class SharedStack {

    private static RunningStack stack;
    private static ChaosRun run;

    private SharedStack() {
    }

    static synchronized ChaosRun run() {
        if (run == null) {
            try {
                // A fresh run folder each time: leftovers of an earlier (perhaps killed) run are stopped and wiped.
                Path runDir = Path.of("target", "chaos-stack").toAbsolutePath();
                if (Files.isDirectory(runDir)) {
                    new LocalStack(Options.defaults().withRunDir(runDir).withOut(null)).clean();
                }
                Files.createDirectories(runDir);
                stack = LocalStack.start(ChaosRunner.options(runDir, ChaosSettings.smoke())
                        .withOut(System.out)).stopOnJvmExit();
                System.out.println("Chaos stack up in " + stack.startupTime().toSeconds() + " s");
                run = new ChaosRun(stack, ChaosSettings.smoke(), System.out::println).seed();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return run;
    }
}
