package com.shopflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.events.payments.DeclineReason;
import com.shopflow.events.payments.PaymentAuthorized;
import com.shopflow.events.payments.PaymentDeclined;
import com.shopflow.events.payments.PaymentRefunded;
import com.shopflow.testkit.EventsByOrder;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The service as the saga sees it: order events in on the real `orders` topic, decisions out on `payments`. */
@PaymentServiceTest
class PaymentFlowTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestEvents events = Infrastructure.shared().events();
    private final Accounts accounts;
    private final Payments payments;
    private final KafkaListenerEndpointRegistry listeners;
    private final JdbcTemplate jdbc;

    PaymentFlowTests(@Autowired Accounts accounts, @Autowired Payments payments,
                     @Autowired KafkaListenerEndpointRegistry listeners, @Autowired JdbcTemplate jdbc) {
        this.accounts = accounts;
        this.payments = payments;
        this.listeners = listeners;
        this.jdbc = jdbc;
    }

    @Test
    void authorizesOrderWithinAvailableCredit() {
        TestOrder order = new TestOrder(TestOrder.newCustomer(), 250_00, "EUR");
        OrderPlaced placed = order.placed();

        events.send("orders", order.orderId, placed);

        PaymentAuthorized authorized = events.await("payments", PaymentAuthorized.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(authorized.getAmount()).isEqualTo(order.total);
        assertThat(authorized.getCustomerId()).isEqualTo(order.customerId);
        assertThat(authorized.getMetadata().getCausationId()).isEqualTo(placed.getMetadata().getEventId());
        assertThat(authorized.getMetadata().getCorrelationId()).isEqualTo(order.orderId);
        assertThat(authorized.getMetadata().getProducer()).isEqualTo("payment-service");
        Payment payment = payments.findByOrderId(order.orderId).orElseThrow();
        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(authorized.getPaymentId()).isEqualTo(payment.id().toString());
        assertThat(accounts.find(order.customerId).available()).isEqualTo(new Money(750_00, "EUR"));
    }

    @Test
    void declinesOrderBeyondAvailableCreditAndTakesNothing() {
        String customer = TestOrder.newCustomer();
        accounts.changeCreditLimit(customer, new Money(50_00, "EUR"));
        TestOrder order = new TestOrder(customer, 80_00, "EUR");

        events.send("orders", order.orderId, order.placed());

        PaymentDeclined declined = events.await("payments", PaymentDeclined.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(declined.getReason()).isEqualTo(DeclineReason.INSUFFICIENT_CREDIT);
        assertThat(declined.getDetail()).contains("50.00 EUR").contains("80.00 EUR");
        assertThat(declined.getAmount()).isEqualTo(order.total);
        assertThat(accounts.find(customer).available()).isEqualTo(new Money(50_00, "EUR"));
    }

    @Test
    void declinesOrderInAnotherCurrency() {
        TestOrder order = new TestOrder(TestOrder.newCustomer(), 10_00, "USD");

        events.send("orders", order.orderId, order.placed());

        PaymentDeclined declined = events.await("payments", PaymentDeclined.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(declined.getReason()).isEqualTo(DeclineReason.CURRENCY_MISMATCH);
        assertThat(accounts.find(order.customerId).available()).isEqualTo(accounts.find(order.customerId).creditLimit());
    }

    @Test
    void refundsAuthorizedPaymentWhenOrderIsCancelled() {
        TestOrder order = new TestOrder(TestOrder.newCustomer(), 400_00, "EUR");
        events.send("orders", order.orderId, order.placed());
        events.await("payments", PaymentAuthorized.class, event -> event.getOrderId().equals(order.orderId), WAIT);
        OrderCancelled cancelled = order.cancelled();

        events.send("orders", order.orderId, cancelled);

        PaymentRefunded refunded = events.await("payments", PaymentRefunded.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(refunded.getAmount()).isEqualTo(order.total);
        assertThat(refunded.getMetadata().getCausationId()).isEqualTo(cancelled.getMetadata().getEventId());
        assertThat(payments.findByOrderId(order.orderId).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(accounts.find(order.customerId).available()).isEqualTo(new Money(1000_00, "EUR"));
    }

    @Test
    void confirmationLeavesTheAuthorizationAsItIsAndCostsNoInboxRow() {
        TestOrder order = new TestOrder(TestOrder.newCustomer(), 120_00, "EUR");
        events.send("orders", order.orderId, order.placed());
        events.await("payments", PaymentAuthorized.class, event -> event.getOrderId().equals(order.orderId), WAIT);
        OrderConfirmed confirmed = order.confirmed();

        events.send("orders", order.orderId, confirmed);
        awaitHandled(order);

        assertThat(typesOfPaymentEventsFor(order.orderId)).containsExactly("PaymentAuthorized");
        assertThat(payments.findByOrderId(order.orderId).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(accounts.find(order.customerId).available()).isEqualTo(new Money(880_00, "EUR"));
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?::uuid", Long.class,
                confirmed.getMetadata().getEventId())).isZero();
    }

    @Test
    void cancellingADeclinedOrderRefundsNothing() {
        String customer = TestOrder.newCustomer();
        accounts.changeCreditLimit(customer, new Money(50_00, "EUR"));
        TestOrder order = new TestOrder(customer, 80_00, "EUR");

        events.send("orders", order.orderId, order.placed());
        events.send("orders", order.orderId, order.cancelled());
        awaitHandled(order);

        assertThat(typesOfPaymentEventsFor(order.orderId)).containsExactly("PaymentDeclined");
        assertThat(accounts.find(customer).available()).isEqualTo(new Money(50_00, "EUR"));
    }

    @Test
    void redeliveredAndRepublishedEventsTakeAndGiveBackCreditOnce() {
        TestOrder order = new TestOrder(TestOrder.newCustomer(), 100_00, "EUR");

        // Redeliveries stop at the inbox; a republished event (new id, higher sequence) passes it:
        // the payment's unique order id must stop that.
        order.sendRedeliveredAndRepublished(events);
        awaitHandled(order);

        assertThat(typesOfPaymentEventsFor(order.orderId)).containsExactly("PaymentAuthorized", "PaymentRefunded");
        assertThat(payments.findByOrderId(order.orderId).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(accounts.find(order.customerId).available()).isEqualTo(new Money(1000_00, "EUR"));
    }

    @Test
    void orderPlacedAfterItsCancellationTakesNoCredit() {
        TestOrder order = new TestOrder(TestOrder.newCustomer(), 300_00, "EUR");

        events.send("orders", order.orderId, order.cancelled());
        events.send("orders", order.orderId, order.placed());

        PaymentDeclined declined = events.await("payments", PaymentDeclined.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(declined.getReason()).isEqualTo(DeclineReason.UNKNOWN);
        assertThat(declined.getDetail()).startsWith("ORDER_ALREADY_CANCELLED");
        awaitHandled(order);
        assertThat(typesOfPaymentEventsFor(order.orderId)).containsExactly("PaymentDeclined");
        assertThat(accounts.find(order.customerId).available()).isEqualTo(new Money(1000_00, "EUR"));
    }

    @Test
    void olderOrderPlacedArrivingAfterTheCancellationIsSkipped() {
        TestOrder order = new TestOrder(TestOrder.newCustomer(), 300_00, "EUR");
        OrderPlaced placed = order.placed();

        events.send("orders", order.orderId, order.cancelled());
        events.send("orders", order.orderId, placed);
        awaitHandled(order);

        // The inbox skips it as stale (lower sequence); were it applied, the tombstone would decline it.
        assertThat(typesOfPaymentEventsFor(order.orderId)).doesNotContain("PaymentAuthorized");
        assertThat(payments.findByOrderId(order.orderId).orElseThrow().status()).isNotEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(accounts.find(order.customerId).available()).isEqualTo(new Money(1000_00, "EUR"));
    }

    @Test
    void concurrentOrdersOfOneCustomerOnSeveralPartitionsNeverOverdraw() {
        assertThat(((ConcurrentMessageListenerContainer<?, ?>) listeners
                .getListenerContainer("payment-service-orders")).getConcurrency()).isGreaterThan(1);
        String customer = TestOrder.newCustomer();
        accounts.changeCreditLimit(customer, new Money(100_00, "EUR"));
        List<TestOrder> orders = IntStream.range(0, 40).mapToObj(i -> new TestOrder(customer, 7_00, "EUR")).toList();
        Set<Integer> partitions = new HashSet<>();

        orders.forEach(order -> partitions.add(events.send("orders", order.orderId, order.placed()).partition()));

        assertThat(partitions).hasSizeGreaterThan(1);
        Set<String> orderIds = new HashSet<>(orders.stream().map(order -> order.orderId).toList());
        List<SpecificRecord> decisions = await().atMost(WAIT)
                .until(() -> paymentEventsFor(orderIds), found -> found.size() >= orders.size());
        // 14 x 7.00 = 98.00 fits into 100.00, a 15th would not: in any order of arrival exactly 14 pass.
        List<PaymentAuthorized> authorized = decisions.stream()
                .filter(PaymentAuthorized.class::isInstance).map(PaymentAuthorized.class::cast).toList();
        assertThat(authorized).hasSize(14);
        assertThat(decisions).filteredOn(PaymentDeclined.class::isInstance).hasSize(26)
                .allSatisfy(d -> assertThat(((PaymentDeclined) d).getReason())
                        .isEqualTo(DeclineReason.INSUFFICIENT_CREDIT));
        assertThat(accounts.find(customer).available()).isEqualTo(new Money(2_00, "EUR"));

        // Compensation: cancel half of the authorized orders; credit used must equal authorized minus refunded.
        List<String> cancelled = authorized.stream().limit(7).map(PaymentAuthorized::getOrderId).toList();
        orders.stream().filter(order -> cancelled.contains(order.orderId))
                .forEach(order -> events.send("orders", order.orderId, order.cancelled()));
        List<SpecificRecord> afterCancel = await().atMost(WAIT).until(() -> paymentEventsFor(orderIds),
                found -> found.stream().filter(PaymentRefunded.class::isInstance).count() >= 7);
        long authorizedMinor = sum(afterCancel, PaymentAuthorized.class);
        long refundedMinor = sum(afterCancel, PaymentRefunded.class);
        assertThat(accounts.find(customer).used().amountMinor()).isEqualTo(authorizedMinor - refundedMinor)
                .isEqualTo(7 * 7_00);
        CreditTotals totals = accounts.creditTotals();
        assertThat(totals.usedMinor()).isEqualTo(totals.authorizedMinor());
    }

    /** Sends a marker on the order's partition and waits for its answer: then every earlier event was handled. */
    private void awaitHandled(TestOrder order) {
        order.awaitHandled(events, "payments", WAIT);
    }

    private List<String> typesOfPaymentEventsFor(String orderId) {
        return EventsByOrder.typeNames(events, "payments", orderId, WAIT);
    }

    private List<SpecificRecord> paymentEventsFor(Set<String> orderIds) {
        return EventsByOrder.read(events, "payments", orderIds, WAIT);
    }

    private static long sum(List<SpecificRecord> events, Class<? extends SpecificRecord> type) {
        return events.stream().filter(type::isInstance).mapToLong(event -> switch (event) {
            case PaymentAuthorized authorized -> authorized.getAmount().getAmountMinor();
            case PaymentRefunded refunded -> refunded.getAmount().getAmountMinor();
            default -> 0;
        }).sum();
    }
}
