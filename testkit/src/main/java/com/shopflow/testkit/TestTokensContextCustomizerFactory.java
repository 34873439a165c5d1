package com.shopflow.testkit;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.ClassUtils;

/**
 * Points every Spring test context of a resource server (Spring Security's JWT support on the class path) at the
 * {@link TestTokens} public key, so a service under test accepts exactly the test tokens. One equal customizer for
 * all, so it never splits Spring's context cache; a test's own inlined properties still win.
 */
public class TestTokensContextCustomizerFactory implements ContextCustomizerFactory {

    private static final String RESOURCE_SERVER = "org.springframework.security.oauth2.jwt.JwtDecoder";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return ClassUtils.isPresent(RESOURCE_SERVER, testClass.getClassLoader()) ? new Customizer() : null;
    }

    /** Adds the public key location above application.yml. */
    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource source = new MapPropertySource("shopflowTestTokens",
                    Map.of(TestTokens.PUBLIC_KEY_LOCATION_PROPERTY, TestTokens.publicKeyLocation()));
            if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
            } else {
                sources.addFirst(source);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
