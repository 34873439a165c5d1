package com.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopflow.events.orders.CancellationReason;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import com.shopflow.testkit.WithInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The deadline reaper, with a one-second deadline. Its own context, closed after the class, so its eager reaper does
 * not cancel the orders of the other test classes (which share the database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "shopflow.orders.deadline=1s",
        "shopflow.orders.reaper-interval=200ms"
})
@WithInfrastructure(database = "orders")
@DirtiesContext
class OrderDeadlineTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Orders orders;
    private JdbcTemplate jdbc;
    private final TestEvents events = Infrastructure.shared().events();

    @BeforeEach
    void connect(ApplicationContext context) {
        this.orders = context.getBean(Orders.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
    }

    @Test
    void cancelsWithTimeoutWhenNoResultArrivesAndIgnoresALateResult() {
        OrderId id = place();

        Awaitility.await().atMost(WAIT).until(() -> "CANCELLED".equals(status(id)));
        assertThat(jdbc.queryForObject("select reason from orders where id = ?", String.class, id.value()))
                .isEqualTo("TIMEOUT");
        OrderCancelled cancelled = events.await("orders", OrderCancelled.class,
                e -> e.getOrderId().equals(id.toString()), WAIT);
        assertThat(cancelled.getReason()).isEqualTo(CancellationReason.TIMEOUT);
        assertThat(cancelled.getMetadata().getCorrelationId()).isEqualTo(id.toString());
        assertThat(cancelled.getMetadata().getCausationId()).isNull();

        SpecificRecord late = Results.payment(id, true);
        events.send(Results.PAYMENTS, id.toString(), late);
        Awaitility.await().atMost(WAIT).until(() -> processed(Results.eventId(late)));

        assertThat(status(id)).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("select last_sequence from outbox_sequence where topic = 'orders' "
                + "and record_key = ?", Long.class, id.toString())).as("OrderPlaced and one decision").isEqualTo(2);
    }

    private OrderId place() {
        PlaceOrder command = new PlaceOrder("c-" + UUID.randomUUID(), "ann@example.com",
                java.util.Currency.getInstance("EUR"), java.util.List.of(new OrderLine("SKU-1", 2, 1250)));
        return orders.place(command, java.util.Optional.empty()).orderId();
    }

    private String status(OrderId id) {
        return jdbc.queryForObject("select status from orders where id = ?", String.class, id.value());
    }

    private boolean processed(String eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from processed_event where consumer = 'order-service' and event_id = ?::uuid)",
                Boolean.class, eventId));
    }
}
