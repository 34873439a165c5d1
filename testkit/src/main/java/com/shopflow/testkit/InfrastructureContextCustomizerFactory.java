package com.shopflow.testkit;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Registered in {@code META-INF/spring.factories}: gives test classes annotated {@link WithInfrastructure} its customizer. */
public class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        WithInfrastructure annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                WithInfrastructure.class);
        return annotation == null ? null : new InfrastructureContextCustomizer(annotation.database());
    }
}
