package com.shopflow.messaging.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class MessagingEnvironmentPostProcessorTests {

    private static final String SAMPLING = "management.tracing.sampling.probability";
    private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Test
    void samplesEveryRequestWhereSpansAreExported() {
        assertThat(sampling(Map.of(ENDPOINT, "http://jaeger:4318/v1/traces"))).isEqualTo("1.0");
    }

    @Test
    void recordsBootsDefaultShareWhereNoSpanLeavesTheProcess() {
        assertThat(sampling(Map.of())).isEqualTo("0.1");
        assertThat(sampling(Map.of(ENDPOINT, "http://jaeger:4318/v1/traces",
                "management.tracing.export.enabled", "false"))).isEqualTo("0.1");
    }

    @Test
    void leavesAServicesOwnSamplingAlone() {
        assertThat(sampling(Map.of(SAMPLING, "0.5"))).isEqualTo("0.5");
    }

    private static String sampling(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new MessagingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(SAMPLING);
    }
}
