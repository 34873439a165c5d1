package com.shopflow.messaging.inbox;

import java.util.List;
import java.util.Map;

import com.shopflow.events.inventory.StockReserved;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.events.payments.PaymentAuthorized;
import com.shopflow.messaging.MessagingProperties;
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
