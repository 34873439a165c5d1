package com.shopflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus configuration {@code --with-monitoring} writes: the repository's, on this run's ports. */
class PrometheusComponentTests {

    @TempDir
    Path runDir;

    private StackContext context(Ports ports) {
        Options options = Options.defaults().withRunDir(runDir).withPorts(ports).withMonitoring();
        return new StackContext(options, new RunFolder(options.runDir()), ports);
    }

    @Test
    void scrapesTheServicesOnThePortsOfThisRun() {
        Ports ports = Ports.defaults().with("order-service", 18081).with("payment-service", 8081)
                .with(Ports.PROMETHEUS, 19090);

        String config = PrometheusComponent.configuration(context(ports));

        assertThat(config).contains("\"127.0.0.1:18081\"]\n        labels: {service: order-service}")
                // payment-service moved onto order-service's default port: replaced once, not twice
                .contains("\"127.0.0.1:8081\"]\n        labels: {service: payment-service}")
                .contains("\"127.0.0.1:8083\"]\n        labels: {service: inventory-service}")
                .contains("\"127.0.0.1:19090\"")
                .doesNotContain("\"127.0.0.1:9090\"");
        Path rules = Options.defaults().repoRoot().resolve("deploy/prometheus/alerts.yml");
        assertThat(config).contains("- " + rules);
    }

    @Test
    void writesAConfigurationPromtoolAccepts() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool is not installed (apt-get install prometheus)");
        StackContext context = context(Ports.free());
        new PrometheusComponent().prepare(context);

        Process check = new ProcessBuilder(promtool.toString(), "check", "config",
                PrometheusComponent.config(context).toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS").contains("rules found");
    }

    @Test
    void isOnlyStartedWhenAskedFor() {
        assertThat(Options.defaults().components()).doesNotContain(PrometheusComponent.NAME);
        assertThat(Options.defaults().withMonitoring().components()).contains(PrometheusComponent.NAME)
                .containsAll(Options.allComponents());
    }
}
