package com.shopflow.testkit;

import java.lang.reflect.Method;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the in-JVM broker's chatty INFO logging down to WARN when Logback is the logging backend, so test output
 * stays readable. Spring tests get the same through {@link WithInfrastructure}'s logging properties.
 */
final class LogLevels {

    static final List<String> NOISY = List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky",
            "io.apicurio");

    private LogLevels() {
    }

    static void quietNoisyLoggers() {
        try {
            Class<?> logbackLogger = Class.forName("ch.qos.logback.classic.Logger");
            Class<?> level = Class.forName("ch.qos.logback.classic.Level");
            Object warn = level.getField("WARN").get(null);
            Method setLevel = logbackLogger.getMethod("setLevel", level);
            for (String name : NOISY) {
                Logger logger = LoggerFactory.getLogger(name);
                if (logbackLogger.isInstance(logger) && isUnset(logbackLogger, logger)) {
                    setLevel.invoke(logger, warn);
                }
            }
        }
        catch (ReflectiveOperationException | LinkageError notLogback) {
            // another backend: leave its configuration alone
        }
    }

    private static boolean isUnset(Class<?> logbackLogger, Logger logger) throws ReflectiveOperationException {
        return logbackLogger.getMethod("getLevel").invoke(logger) == null;
    }
}
