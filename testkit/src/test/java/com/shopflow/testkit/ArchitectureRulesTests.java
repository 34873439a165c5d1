package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTests {

    private static final String CLEAN = "com.shopflow.testkit.fixture.clean";
    private static final String LEAKY = "com.shopflow.testkit.fixture.leaky";

    private final JavaClasses clean = new ClassFileImporter().importPackages(CLEAN);
    private final JavaClasses leaky = new ClassFileImporter().importPackages(LEAKY);

    @Test
    void aServiceThatKeepsItsDomainCleanPassesEveryRule() {
        ArchitectureRules.all(CLEAN).forEach(rule -> assertThat(rule.evaluate(clean).hasViolation())
                .as(rule.getDescription()).isFalse());
    }

    @Test
    void domainUsingKafkaOrEventTypesIsReported() {
        EvaluationResult result = ArchitectureRules.domainIsIndependent(LEAKY).evaluate(leaky);

        assertThat(result.hasViolation()).isTrue();
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertThat(report).contains("Payments").contains("org.apache.kafka").contains("com.shopflow.events");
    }

    @Test
    void webDependingOnMessagingIsReported() {
        EvaluationResult result = ArchitectureRules.webAndMessagingAreSeparate(LEAKY).evaluate(leaky);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains("PaymentController");
    }

    @Test
    void fieldInjectionIsReported() {
        EvaluationResult result = ArchitectureRules.noFieldInjection().evaluate(leaky);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains("Payments.injected");
    }
}
