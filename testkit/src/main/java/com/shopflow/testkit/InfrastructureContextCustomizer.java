package com.shopflow.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Starts the shared infrastructure and puts its addresses into the test context's environment. Equal for equal
 * database names, so Spring's context cache reuses one context per database.
 */
final class InfrastructureContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "shopflowTestInfrastructure";

    private final String database;

    InfrastructureContextCustomizer(String database) {
        this.database = database;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        Infrastructure infrastructure = Infrastructure.shared();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        properties.put("shopflow.messaging.registry-url", infrastructure.registryUrl());
        if (!database.isEmpty()) {
            properties.put("spring.datasource.url", infrastructure.jdbcUrl(database));
            properties.put("spring.datasource.username", infrastructure.username());
            properties.put("spring.datasource.password", infrastructure.password());
        }
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
        // Above application.yml, but below a test's own inlined properties, so a test can still override one.
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
        }
        else {
            sources.addFirst(source);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfrastructureContextCustomizer that && database.equals(that.database);
    }

    @Override
    public int hashCode() {
        return Objects.hash(InfrastructureContextCustomizer.class, database);
    }
}
