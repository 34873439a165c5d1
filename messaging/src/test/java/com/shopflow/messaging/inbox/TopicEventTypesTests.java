package com.shopflow.messaging.inbox;

import java.util.List;
import java.util.Map;

import com.shopflow.events.inventory.StockReserved;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.events.payments.PaymentAuthorized;
import com.shopflow.messaging.MessagingProperties;
import com.shopflow.messaging.kafka.AvroEventSerializer;
import com.shopflow.messaging.outbox.SchemaWarmup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicEventTypesTests {

    private static MessagingProperties properties(Map<String, MessagingProperties.Topic> topics) {
        return new MessagingProperties(null, topics, null, null, null);
    }

    @Test
    void allowsOnlyTheTopicsOwnPackageByDefault() {
        TopicEventTypes types = new TopicEventTypes(
                properties(Map.of("orders", new MessagingProperties.Topic(6, (short) 1, List.of()))));

        assertThat(types.allows("orders", OrderPlaced.class)).isTrue();
        assertThat(types.allows("orders", StockReserved.class)).isFalse();
    }

    @Test
    void allowsExactlyTheListedEventsWhenATopicListsThem() {
        TopicEventTypes types = new TopicEventTypes(properties(Map.of("orders",
                new MessagingProperties.Topic(6, (short) 1, List.of(OrderPlaced.class.getName())))));

        assertThat(types.allows("orders", OrderPlaced.class)).isTrue();
        assertThat(types.allows("orders", PaymentAuthorized.class)).isFalse();
    }

    @Test
    void theWarmupsEventsGiveTheSameRuleAsTheProperties() {
        MessagingProperties properties = properties(Map.of(
                "orders", new MessagingProperties.Topic(6, (short) 1, List.of()),
                "payments", new MessagingProperties.Topic(6, (short) 1, List.of(PaymentAuthorized.class.getName()))));
        TopicEventTypes fromProperties = new TopicEventTypes(properties);
        TopicEventTypes fromWarmup;
        // No registry call: the serializer is only used once the context has started.
        try (AvroEventSerializer serializer = new AvroEventSerializer("http://127.0.0.1:9")) {
            fromWarmup = TopicEventTypes.of(new SchemaWarmup(properties, serializer).events());
        }

        for (String topic : List.of("orders", "payments", "inventory")) {
            for (Class<?> type : List.of(OrderPlaced.class, PaymentAuthorized.class, StockReserved.class)) {
                assertThat(fromWarmup.allows(topic, type)).as(topic + " " + type.getSimpleName())
                        .isEqualTo(fromProperties.allows(topic, type));
            }
        }
        assertThat(fromWarmup.allows("orders", OrderPlaced.class)).isTrue();
        assertThat(fromWarmup.allows("orders", StockReserved.class)).isFalse();
        assertThat(fromWarmup.allows("payments", OrderPlaced.class)).isFalse();
    }

    @Test
    void doesNotCheckTopicsTheServiceDoesNotDeclare() {
        TopicEventTypes types = new TopicEventTypes(properties(Map.of()));

        assertThat(types.allows("someone-elses-topic", StockReserved.class)).isTrue();
    }

    @Test
    void doesNotCheckADeclaredTopicWithoutKnownEventTypes() {
        TopicEventTypes types = new TopicEventTypes(
                properties(Map.of("batch-test", new MessagingProperties.Topic(1, (short) 1, List.of()))));

        assertThat(types.allows("batch-test", StockReserved.class)).isTrue();
    }
}
