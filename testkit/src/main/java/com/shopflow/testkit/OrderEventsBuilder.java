package com.shopflow.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.common.Money;
import com.shopflow.events.orders.CancellationReason;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderLine;
import com.shopflow.events.orders.OrderPlaced;
import org.apache.avro.specific.SpecificRecord;

/**
 * The order-service side of one order in a test: its {@code orders} events as order-service would publish them, each
 * with the next sequence of the order, and a marker to wait until a consuming service has handled all of them.
 * <p>
 * Configure it first ({@link #customer}, {@link #line}, ...), then ask for events. The total is the sum of the lines;
 * timestamps are whole milliseconds, as the events carry them. A service's tests may extend it with what they need
 * beside the events (e.g. the domain command of the same order).
 */
public class OrderEventsBuilder {

    private final String orderId = UUID.randomUUID().toString();
    private final List<OrderLine> lines = new ArrayList<>();
    private String customerId = "customer-1";
    private String customerEmail;
    private String currency = "EUR";
    private CancellationReason cancellationReason = CancellationReason.PAYMENT_DECLINED;
    private String cancellationDetail = "credit";
    private long sequence;

    /** For a service's own test order type; others use {@link #newOrder()}. */
    protected OrderEventsBuilder() {
    }

    /** A fresh order id (random UUID), customer {@code customer-1}, currency EUR and no lines yet. */
    public static OrderEventsBuilder newOrder() {
        return new OrderEventsBuilder();
    }

    /** The customer; the e-mail defaults to {@code <customerId>@example.com}. */
    public final OrderEventsBuilder customer(String customerId) {
        this.customerId = customerId;
        return this;
    }

    public final OrderEventsBuilder customerEmail(String customerEmail) {
        this.customerEmail = customerEmail;
        return this;
    }

    /** ISO 4217 code of the order's total and prices. */
    public final OrderEventsBuilder currency(String currency) {
        this.currency = currency;
        return this;
    }

    public final OrderEventsBuilder line(String sku, int quantity, long unitPriceMinor) {
        lines.add(new OrderLine(sku, quantity, unitPriceMinor));
        return this;
    }

    /** Reason and detail of {@link #cancelled()} (default {@code PAYMENT_DECLINED}, "credit"). */
    public final OrderEventsBuilder cancellation(CancellationReason reason, String detail) {
        this.cancellationReason = reason;
        this.cancellationDetail = detail;
        return this;
    }

    public final String orderId() {
        return orderId;
    }

    public final String customerId() {
        return customerId;
    }

    public final String customerEmail() {
        return customerEmail != null ? customerEmail : customerId + "@example.com";
    }

    public final String currency() {
        return currency;
    }

    public final List<OrderLine> lines() {
        return List.copyOf(lines);
    }

    /** The sum of quantity times unit price over all lines. */
    public final Money total() {
        return new Money(lines.stream().mapToLong(line -> line.getQuantity() * line.getUnitPriceMinor()).sum(),
                currency);
    }

    public final OrderPlaced placed() {
        return OrderPlaced.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setCustomerEmail(customerEmail())
                .setLines(lines())
                .setTotal(total())
                .setPlacedAt(now())
                .build();
    }

    public final OrderConfirmed confirmed() {
        return OrderConfirmed.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setCustomerEmail(customerEmail())
                .setLines(lines())
                .setTotal(total())
                .setConfirmedAt(now())
                .build();
    }

    public final OrderCancelled cancelled() {
        return cancelled(cancellationReason, cancellationDetail);
    }

    public final OrderCancelled cancelled(CancellationReason reason, String detail) {
        return OrderCancelled.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setCustomerEmail(customerEmail())
                .setReason(reason)
                .setDetail(detail)
                .setTotal(total())
                .setCancelledAt(now())
                .build();
    }

    /**
     * Sends this order's placement and cancellation on {@code orders} the way at-least-once delivery and a
     * republishing producer can: OrderPlaced three times (one event, redelivered), once more as a new event (new id,
     * next sequence), OrderCancelled twice, once more as a new event, then a new OrderPlaced after the cancellation. A
     * consumer handles them right if it places and cancels exactly once; {@link #awaitHandled} waits until it is done.
     */
    public final void sendRedeliveredAndRepublished(TestEvents events) {
        OrderPlaced placed = placed();
        OrderCancelled cancelled = cancelled();
        events.send("orders", orderId, placed);
        events.send("orders", orderId, placed);
        events.send("orders", orderId, placed);
        events.send("orders", orderId, placed());
        events.send("orders", orderId, cancelled);
        events.send("orders", orderId, cancelled);
        events.send("orders", orderId, cancelled());
        events.send("orders", orderId, placed());
    }

    /**
     * An OrderPlaced of a different, tiny order (a fresh customer, one unit of a SKU nobody stocks, 1 minor unit in
     * this order's currency) with this order's next sequence. Sent with this order's key it lands on the same
     * partition after everything sent for this order, so once a consumer answered it, all of this order's events were
     * handled (the consumer's outbox keeps commit order).
     */
    public final OrderPlaced marker() {
        String markerCustomer = "marker-" + UUID.randomUUID();
        return OrderPlaced.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(UUID.randomUUID().toString())
                .setCustomerId(markerCustomer)
                .setCustomerEmail("marker@example.com")
                .setLines(List.of(new OrderLine("MARKER-" + UUID.randomUUID(), 1, 1L)))
                .setTotal(new Money(1L, currency))
                .setPlacedAt(now())
                .build();
    }

    /**
     * Sends a {@link #marker()} on {@code orders} with this order's key and waits until the service under test
     * published its answer to it on {@code answerTopic}: then it has handled every event sent for this order before.
     */
    public final void awaitHandled(TestEvents events, String answerTopic, Duration timeout) {
        OrderPlaced marker = marker();
        String markerOrder = marker.getOrderId();
        events.send("orders", orderId, marker);
        events.await(answerTopic, SpecificRecord.class,
                event -> markerOrder.equals(EventsByOrder.orderIdOf(event)), timeout);
    }

    private EventMetadata nextMetadata() {
        return TestEvents.metadata(orderId, "order-service", ++sequence);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
