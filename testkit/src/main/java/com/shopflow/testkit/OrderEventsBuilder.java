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
 * timestamps are whole milliseconds, as the events carry them.
 */
public final class OrderEventsBuilder {

    private final String orderId;
    private final List<OrderLine> lines = new ArrayList<>();
    private String customerId = "customer-1";
    private String customerEmail;
    private String currency = "EUR";
    private CancellationReason cancellationReason = CancellationReason.PAYMENT_DECLINED;
    private String cancellationDetail = "credit";
    private long sequence;

    private OrderEventsBuilder(String orderId) {
        this.orderId = orderId;
    }

    /** A fresh order id (random UUID), customer {@code customer-1}, currency EUR and no lines yet. */
    public static OrderEventsBuilder newOrder() {
        return new OrderEventsBuilder(UUID.randomUUID().toString());
    }

    /** The customer; the e-mail defaults to {@code <customerId>@example.com}. */
    public OrderEventsBuilder customer(String customerId) {
        this.customerId = customerId;
        return this;
    }

    public OrderEventsBuilder customerEmail(String customerEmail) {
        this.customerEmail = customerEmail;
        return this;
    }

    /** ISO 4217 code of the order's total and prices. */
    public OrderEventsBuilder currency(String currency) {
        this.currency = currency;
        return this;
    }

    public OrderEventsBuilder line(String sku, int quantity, long unitPriceMinor) {
        lines.add(new OrderLine(sku, quantity, unitPriceMinor));
        return this;
    }

    /** Reason and detail of {@link #cancelled()} (default {@code PAYMENT_DECLINED}, "credit"). */
    public OrderEventsBuilder cancellation(CancellationReason reason, String detail) {
        this.cancellationReason = reason;
        this.cancellationDetail = detail;
        return this;
    }

    public String orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public String customerEmail() {
        return customerEmail != null ? customerEmail : customerId + "@example.com";
    }

    public String currency() {
        return currency;
    }

    public List<OrderLine> lines() {
        return List.copyOf(lines);
    }

    /** The sum of quantity times unit price over all lines. */
    public Money total() {
        return new Money(lines.stream().mapToLong(line -> line.getQuantity() * line.getUnitPriceMinor()).sum(),
                currency);
    }

    public OrderPlaced placed() {
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

    public OrderConfirmed confirmed() {
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

    public OrderCancelled cancelled() {
        return cancelled(cancellationReason, cancellationDetail);
    }

    public OrderCancelled cancelled(CancellationReason reason, String detail) {
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
     * An OrderPlaced of a different, tiny order (a fresh customer, one unit of a SKU nobody stocks, 1 minor unit in
     * this order's currency) with this order's next sequence. Sent with this order's key it lands on the same
     * partition after everything sent for this order, so once a consumer answered it, all of this order's events were
     * handled (the consumer's outbox keeps commit order).
     */
    public OrderPlaced marker() {
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
    public void awaitHandled(TestEvents events, String answerTopic, Duration timeout) {
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
