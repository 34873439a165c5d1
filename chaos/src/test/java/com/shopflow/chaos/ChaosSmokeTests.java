package com.shopflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The short chaos run of {@code ./mvnw verify}: the stack as processes under order traffic, one crash (kill -9 of
 * payment-service and a restart), duplicates and poison records; after each, every invariant holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosSmokeTests {

    @Test
    @Order(1)
    void invariantsHoldAfterPaymentServiceIsKilledMidTraffic() {
        ScenarioResult result = SharedStack.run().run(Scenarios.crash("payment-service"));

        assertThat(result.placed()).as("orders accepted during the scenario").isPositive();
        assertThat(result.terminal()).as("every accepted order ended").isEqualTo(result.placed());
        assertThat(result.violations()).as(result.byInvariant().toString()).isEmpty();
    }

    @Test
    @Order(2)
    void duplicatedRecordsChangeNothing() {
        ScenarioResult result = SharedStack.run().run(Scenarios.duplicates(20));

        assertThat(result.notes()).anyMatch(note -> note.startsWith("re-published"));
        assertThat(result.counts().get("duplicateRecordsOnTopics")).as("the copies are on the topics").isPositive();
        assertThat(result.violations()).as(result.byInvariant().toString()).isEmpty();
    }

    @Test
    @Order(3)
    void everyPoisonRecordIsDeadLetteredAndNoConsumerStalls() {
        ScenarioResult result = SharedStack.run().run(Scenarios.poison());

        assertThat(result.counts().get("poisonRecords")).isEqualTo(9);
        assertThat(result.violations()).as(result.byInvariant().toString()).isEmpty();
    }
}
