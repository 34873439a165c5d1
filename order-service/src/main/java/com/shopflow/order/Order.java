package com.shopflow.order;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The order aggregate and its saga state: it waits for one payment result and one stock result and decides exactly
 * once. Every change goes through a row lock (see {@link OrderRepository#lockById}); {@code @Version} is the safety net.
 */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    private UUID id;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "customer_email", nullable = false)
    private String customerEmail;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "total_minor", nullable = false)
    private long totalMinor;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    private CancellationReason reason;

    private String detail;

    @Enumerated(EnumType.STRING)
    @Column(name = "payment_result")
    private PaymentResult paymentResult;

    @Enumerated(EnumType.STRING)
    @Column(name = "stock_result")
    private StockResult stockResult;

    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    // A wrapper so Spring Data sees a new order by its null version: save() then inserts at once, where a primitive
    // (never null) made it merge (a SELECT of the order and its lines, then an extra version UPDATE) on every POST.
    @Version
    private Long version;

    protected Order() {
        // for JPA
    }

    private Order(OrderId id, PlaceOrder command, Instant placedAt) {
        this.id = id.value();
        this.customerId = command.customerId();
        this.customerEmail = command.customerEmail();
        this.currency = command.currency().getCurrencyCode();
        this.lines = new ArrayList<>(command.lines());
        this.totalMinor = command.totalMinor();
        this.status = OrderStatus.PENDING;
        this.placedAt = placedAt;
    }

    static Order place(OrderId id, PlaceOrder command, Instant now) {
        return new Order(id, command, now);
    }

    /** Records the payment answer; returns the decision it completed, if any. A result after the decision changes nothing. */
    Optional<OrderStatus> recordPayment(PaymentResult result, String detail, Instant now) {
        if (status != OrderStatus.PENDING || paymentResult != null) {
            return Optional.empty();
        }
        paymentResult = result;
        return decide(detail, now);
    }

    /** Records the stock answer; returns the decision it completed, if any. A result after the decision changes nothing. */
    Optional<OrderStatus> recordStock(StockResult result, String detail, Instant now) {
        if (status != OrderStatus.PENDING || stockResult != null) {
            return Optional.empty();
        }
        stockResult = result;
        return decide(detail, now);
    }

    /** Cancels a still pending order because its deadline passed. */
    Optional<OrderStatus> expire(Instant now) {
        if (status != OrderStatus.PENDING) {
            return Optional.empty();
        }
        cancel(CancellationReason.TIMEOUT, "no answer from payment and stock before the deadline", now);
        return Optional.of(status);
    }

    private Optional<OrderStatus> decide(String resultDetail, Instant now) {
        // A negative answer decides at once; the other answer is not needed any more.
        if (paymentResult == PaymentResult.DECLINED) {
            cancel(CancellationReason.PAYMENT_DECLINED, resultDetail, now);
        } else if (stockResult == StockResult.REJECTED) {
            cancel(CancellationReason.OUT_OF_STOCK, resultDetail, now);
        } else if (paymentResult == PaymentResult.AUTHORIZED && stockResult == StockResult.RESERVED) {
            status = OrderStatus.CONFIRMED;
            decidedAt = now;
        } else {
            return Optional.empty();
        }
        return Optional.of(status);
    }

    private void cancel(CancellationReason cancellationReason, String cancellationDetail, Instant now) {
        status = OrderStatus.CANCELLED;
        reason = cancellationReason;
        detail = cancellationDetail == null ? "" : cancellationDetail;
        decidedAt = now;
    }

    public OrderId id() {
        return new OrderId(id);
    }

    public String customerId() {
        return customerId;
    }

    public String customerEmail() {
        return customerEmail;
    }

    public Currency currency() {
        return Currency.getInstance(currency);
    }

    public long totalMinor() {
        return totalMinor;
    }

    public List<OrderLine> lines() {
        return List.copyOf(lines);
    }

    public OrderStatus status() {
        return status;
    }

    public Optional<CancellationReason> reason() {
        return Optional.ofNullable(reason);
    }

    public String detail() {
        return detail == null ? "" : detail;
    }

    public Optional<PaymentResult> paymentResult() {
        return Optional.ofNullable(paymentResult);
    }

    public Optional<StockResult> stockResult() {
        return Optional.ofNullable(stockResult);
    }

    public Instant placedAt() {
        return placedAt;
    }

    public Optional<Instant> decidedAt() {
        return Optional.ofNullable(decidedAt);
    }
}
