package com.shopflow.messaging.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults of the library that are Boot properties: Micrometer observation on listener containers and templates, so
 * the {@code traceparent} header the relay writes continues the trace in the consumer. Lowest precedence: a service
 * can override them.
 */
public class MessagingEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("shopflowMessagingDefaults", Map.of(
                "spring.kafka.listener.observation-enabled", "true",
                "spring.kafka.template.observation-enabled", "true",
                "spring.kafka.consumer.auto-offset-reset", "earliest")));
    }
}
