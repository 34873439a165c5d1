package com.shopflow.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring test context against the shared real infrastructure ({@link Infrastructure#shared()}): sets
 * {@code spring.kafka.bootstrap-servers}, {@code spring.datasource.url/username/password} (for {@link #database()})
 * and {@code shopflow.messaging.registry-url}. Test classes with the same database share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = {
        // The broker runs in the test JVM; its INFO logging would drown the test output.
        "logging.level.kafka=WARN",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.state.change.logger=WARN",
        "logging.level.io.zonky=WARN",
        "logging.level.io.apicurio=WARN"
})
public @interface WithInfrastructure {

    /** The PostgreSQL database for {@code spring.datasource.url}, created on first use; none when empty. */
    String database() default "";
}
