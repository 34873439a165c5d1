package com.shopflow.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GreenMail standalone: a real SMTP server for notification-service (mail kept in memory), with its REST API and web
 * page to read what was sent.
 */
final class MailComponent extends Component {

    MailComponent() {
        super("smtp");
    }

    @Override
    List<String> portNames() {
        return List.of(Ports.SMTP, Ports.SMTP_API);
    }

    private static Path jar(Options options) {
        return options.stackHome().resolve("greenmail").resolve("greenmail-standalone.jar");
    }

    @Override
    Optional<String> unavailable(StackContext context) {
        Path jar = jar(context.options());
        return Files.isRegularFile(jar) ? Optional.empty() : Optional.of(jar + " is missing; build local-stack first");
    }

    @Override
    List<String> command(StackContext context) {
        // GreenMail keeps every mail in memory: 96 MB ran out after ~25k benchmark mails (SMTP then broke every
        // connection). The benchmark purges it between steps; this leaves room for a long day of manual use. Full
        // tiered compilation (not C1 only): every order sends two mails, and C2's code took 0.8-1.1 ms of CPU per
        // order at 70 orders/s where C1's took 1.4 (docs/performance.md, seventh round).
        List<String> jvm = new ArrayList<>(List.of("-Xmx320m", "-XX:+UseSerialGC",
                "-Dgreenmail.smtp.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + context.port(Ports.SMTP),
                "-Dgreenmail.api.hostname=127.0.0.1",
                "-Dgreenmail.api.port=" + context.port(Ports.SMTP_API),
                "-Dgreenmail.auth.disabled"));
        jvm.addAll(classDataSharing(context, jar(context.options()).getParent(), "greenmail"));
        return java(context, jvm, List.of("-jar", jar(context.options()).toString()));
    }

    @Override
    boolean healthy(StackContext context) {
        return Http.ok("http://127.0.0.1:" + context.port(Ports.SMTP_API) + "/api/service/readiness", "running");
    }

    @Override
    List<String[]> urls(StackContext context) {
        return List.<String[]>of(new String[] {"SMTP (GreenMail)", "localhost:" + context.port(Ports.SMTP)
                + "  mails: http://localhost:" + context.port(Ports.SMTP_API) + "/api/user/alice@example.com/messages/"});
    }
}
