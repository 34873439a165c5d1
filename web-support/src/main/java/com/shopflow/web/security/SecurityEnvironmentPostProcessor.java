package com.shopflow.web.security;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Security defaults every service shares: tokens must name audience {@code shopflow}; actuator exposes only health,
 * info and Prometheus, and shows health details only to an admin token. Lowest precedence, so a deployment may
 * override (e.g. {@code management.server.port} for a separate management port).
 */
public class SecurityEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("shopflowSecurityDefaults", Map.of(
                "spring.security.oauth2.resourceserver.jwt.audiences", "shopflow",
                "management.endpoints.web.exposure.include", "health,info,prometheus",
                "management.endpoint.health.show-details", "when-authorized",
                "management.endpoint.health.show-components", "when-authorized",
                "management.endpoint.health.roles", Caller.ADMIN_AUTHORITY)));
    }
}
