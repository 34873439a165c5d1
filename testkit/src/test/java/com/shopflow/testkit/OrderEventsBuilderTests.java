package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopflow.events.common.Money;
import com.shopflow.events.orders.CancellationReason;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderPlaced;
import org.junit.jupiter.api.Test;

class OrderEventsBuilderTests {

    @Test
    void eventsOfOneOrderCarryItsIdTotalAndIncreasingSequences() {
        OrderEventsBuilder order = OrderEventsBuilder.newOrder().customer("c-7").currency("USD")
                .line("A", 2, 1_25).line("B", 1, 50).cancellation(CancellationReason.TIMEOUT, "late");

        OrderPlaced placed = order.placed();
        OrderCancelled cancelled = order.cancelled();
        OrderPlaced marker = order.marker();

        assertThat(placed.getOrderId()).isEqualTo(order.orderId());
        assertThat(placed.getCustomerEmail()).isEqualTo("c-7@example.com");
        assertThat(placed.getTotal()).isEqualTo(new Money(3_00L, "USD"));
        assertThat(placed.getMetadata().getCorrelationId()).isEqualTo(order.orderId());
        assertThat(cancelled.getReason()).isEqualTo(CancellationReason.TIMEOUT);
        assertThat(cancelled.getDetail()).isEqualTo("late");
        assertThat(placed.getMetadata().getSequence()).isEqualTo(1);
        assertThat(cancelled.getMetadata().getSequence()).isEqualTo(2);
        assertThat(marker.getMetadata().getSequence()).isEqualTo(3);
        assertThat(marker.getOrderId()).isNotEqualTo(order.orderId());
        assertThat(marker.getMetadata().getCorrelationId()).isEqualTo(order.orderId());
        assertThat(EventsByOrder.orderIdOf(marker)).isEqualTo(marker.getOrderId());
    }
}
