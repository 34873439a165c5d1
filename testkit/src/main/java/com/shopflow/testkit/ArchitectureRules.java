package com.shopflow.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The ArchUnit rules every service's {@code ArchitectureTests} applies to its base package (package by feature:
 * domain at the root, {@code web} for HTTP, {@code messaging} for Kafka and Avro).
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /**
     * Classes directly in the base package (the domain) depend on no Kafka, Avro, event classes, Spring Kafka, servlet
     * or web types, and not on the service's own {@code web} or {@code messaging} packages.
     */
    public static ArchRule domainIsIndependent(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka..",
                        "org.springframework.kafka..",
                        "org.apache.avro..",
                        "com.shopflow.events..",
                        "..web..",
                        "..messaging..",
                        "jakarta.servlet..",
                        "org.springframework.web..",
                        "org.springframework.http..")
                .as("the domain of " + basePackage + " is independent of Kafka, Avro, events, web and messaging")
                .because("the domain talks to the outside only through ports it owns; adapters live in web/ and "
                        + "messaging/");
    }

    /** The service's {@code web} and {@code messaging} packages do not depend on each other (either may be absent). */
    public static ArchRule webAndMessagingAreSeparate(String basePackage) {
        ArchRule webIgnoresMessaging = noClasses().that().resideInAPackage(basePackage + ".web..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".messaging..")
                .allowEmptyShould(true);
        ArchRule messagingIgnoresWeb = noClasses().that().resideInAPackage(basePackage + ".messaging..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".web..")
                .allowEmptyShould(true);
        return CompositeArchRule.of(webIgnoresMessaging).and(messagingIgnoresWeb)
                .as(basePackage + ".web and " + basePackage + ".messaging do not depend on each other")
                .because("both are adapters around the domain; they meet only in the domain's use cases");
    }

    /** No field injection ({@code @Autowired}, {@code @Inject}, {@code @Value}, {@code @Resource} on fields). */
    public static ArchRule noFieldInjection() {
        return noFields()
                .should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .orShould().beAnnotatedWith("org.springframework.beans.factory.annotation.Value")
                .orShould().beAnnotatedWith("jakarta.inject.Inject")
                .orShould().beAnnotatedWith("javax.inject.Inject")
                .orShould().beAnnotatedWith("jakarta.annotation.Resource")
                .allowEmptyShould(true)
                .as("no field injection")
                .because("constructor injection keeps dependencies explicit and classes testable");
    }

    /** All of the above for one service. */
    public static List<ArchRule> all(String basePackage) {
        return List.of(domainIsIndependent(basePackage), webAndMessagingAreSeparate(basePackage), noFieldInjection());
    }
}
