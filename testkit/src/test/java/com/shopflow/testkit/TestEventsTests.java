package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderPlaced;

class TestEventsTests {

    private final TestEvents events = Infrastructure.shared().events();

    @Test
    void awaitFindsTheMatchingEventAmongOthers() {
        String topic = "await-" + UUID.randomUUID();
        String wanted = UUID.randomUUID().toString();
        events.send(topic, "other", ConfluentWireFormatTests.orderPlaced("other"));
        events.sendBytes(topic, "poison", "not avro".getBytes(StandardCharsets.UTF_8));
        events.send(topic, wanted, ConfluentWireFormatTests.orderPlaced(wanted));

        OrderPlaced found = events.await(topic, OrderPlaced.class, e -> e.getOrderId().equals(wanted),
                Duration.ofSeconds(20));

        assertThat(found.getOrderId()).isEqualTo(wanted);
        assertThat(found.getTotal().getAmountMinor()).isEqualTo(2500L);
    }

    @Test
    void awaitFailsNamingWhatItSawWhenNothingMatches() {
        String topic = "await-none-" + UUID.randomUUID();
        events.send(topic, "o-1", ConfluentWireFormatTests.orderPlaced("o-1"));

        assertThatThrownBy(() -> events.await(topic, OrderCancelled.class, e -> true, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("No OrderCancelled")
                .hasMessageContaining("OrderPlaced(key=o-1)");
    }

    @Test
    void readAllReturnsEveryRecordDecodedOrRaw() {
        String topic = "read-all-" + UUID.randomUUID();
        byte[] poison = {1, 2, 3};
        events.send(topic, "o-1", ConfluentWireFormatTests.orderPlaced("o-1"));
        events.sendBytes(topic, "o-1", poison);
        events.send(topic, "o-1", ConfluentWireFormatTests.orderPlaced("o-1"));

        List<ConsumerRecord<String, Object>> all = events.readAll(topic, Duration.ofSeconds(20));

        assertThat(all).hasSize(3);
        assertThat(all.get(0).value()).isInstanceOf(OrderPlaced.class);
        assertThat(all.get(1).value()).isEqualTo(poison);
        assertThat(all.get(2).value()).isInstanceOf(OrderPlaced.class);
        assertThat(all).allSatisfy(record -> assertThat(record.key()).isEqualTo("o-1"));
    }

    @Test
    void metadataHasAFreshEventIdAndTheGivenCorrelation() {
        EventMetadata first = TestEvents.metadata("order-1", "order-service", 7);
        EventMetadata second = TestEvents.metadata("order-1", "order-service", 7);

        assertThat(first.getEventId()).isNotEqualTo(second.getEventId());
        assertThat(UUID.fromString(first.getEventId())).isNotNull();
        assertThat(first.getCorrelationId()).isEqualTo("order-1");
        assertThat(first.getProducer()).isEqualTo("order-service");
        assertThat(first.getSequence()).isEqualTo(7L);
        assertThat(first.getCausationId()).isNull();
        assertThat(first.getOccurredAt()).isNotNull();
    }
}
