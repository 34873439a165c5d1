package com.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import com.shopflow.testkit.WithInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one Spring context most integration tests share: the whole service on a random port against the real broker,
 * database and registry. The deadline is long so that no order of these tests times out on its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shopflow.orders.deadline=10m",
        "spring.kafka.listener.concurrency=3",
        // low enough for OrderSecurityTests to reach; no other test orders more than 8 times for one customer
        "shopflow.orders.rate-limit.per-second=1",
        "shopflow.orders.rate-limit.burst=10"
})
@WithInfrastructure(database = "orders")
abstract class OrderServiceIntegration {

    static final Duration WAIT = Duration.ofSeconds(30);

    protected HttpApi api;
    protected JdbcTemplate jdbc;
    protected MeterRegistry meters;
    protected TestEvents events;
    protected ApplicationContext context;

    @BeforeEach
    void connect(ApplicationContext context) {
        this.context = context;
        this.api = new HttpApi(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.meters = context.getBean(MeterRegistry.class);
        this.events = Infrastructure.shared().events();
    }

    static String orderJson(String customerId) {
        return """
                {"customerId":"%s","customerEmail":"ann@example.com","currency":"EUR",
                 "lines":[{"sku":"SKU-1","quantity":2,"unitPrice":12.50}]}""".formatted(customerId);
    }

    static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }

    OrderId placeOrder() {
        HttpApi.Answer answer = api.postOrder(orderJson(newCustomer()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return OrderId.parse(answer.json().path("orderId").asString());
    }

    /** Sends a result and waits until the saga's consumer has handled it (applied, or skipped as duplicate). */
    void deliver(SpecificRecord event) {
        long before = handled();
        events.send(Results.topicOf(event), keyOf(event), event);
        Awaitility.await().atMost(WAIT).until(() -> handled() > before);
    }

    private static String keyOf(SpecificRecord event) {
        return com.shopflow.messaging.inbox.Inbox.metadataOf(event).getCorrelationId();
    }

    private long handled() {
        Timer timer = meters.find("shopflow.handler.duration").tag("consumer", "order-service").timer();
        return timer == null ? 0 : timer.count();
    }

    Map<String, Object> orderRow(OrderId id) {
        return jdbc.queryForMap("select status, reason from orders where id = ?", id.value());
    }

    /** How many events the outbox ever appended for this order on {@code orders} (placed + decisions). */
    long ordersEventsAppended(OrderId id) {
        List<Long> last = jdbc.queryForList(
                "select last_sequence from outbox_sequence where topic = 'orders' and record_key = ?", Long.class,
                id.toString());
        return last.isEmpty() ? 0 : last.get(0);
    }

    boolean processed(String consumer, String eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from processed_event where consumer = ? and event_id = ?::uuid)",
                Boolean.class, consumer, eventId));
    }
}
