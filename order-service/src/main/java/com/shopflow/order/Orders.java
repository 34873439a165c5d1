package com.shopflow.order;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Use cases of the order saga: place an order, join payment and stock results, expire orders past their deadline. */
@Service
public class Orders {

    private static final Logger log = LoggerFactory.getLogger(Orders.class);

    private final OrderRepository orders;
    private final IdempotencyKeyRepository idempotencyKeys;
    private final OrderEvents events;
    private final SagaMetrics metrics;
    private final OrderProperties properties;
    private final TransactionTemplate perOrderTransaction;
    private final Clock clock;

    public Orders(OrderRepository orders, IdempotencyKeyRepository idempotencyKeys, OrderEvents events,
                  SagaMetrics metrics, OrderProperties properties, PlatformTransactionManager transactionManager) {
        this.orders = orders;
        this.idempotencyKeys = idempotencyKeys;
        this.events = events;
        this.metrics = metrics;
        this.properties = properties;
        this.perOrderTransaction = new TransactionTemplate(transactionManager);
        this.perOrderTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.clock = Clock.systemUTC();
    }

    /**
     * Stores a new pending order and its {@code OrderPlaced} event in one transaction. With an idempotency key, a
     * repeated request with the same meaning answers the first order and appends nothing.
     */
    @Transactional
    public Placement place(PlaceOrder command, Optional<String> idempotencyKey) {
        OrderId id = OrderId.random();
        Instant now = clock.instant();
        if (idempotencyKey.isPresent()) {
            String key = idempotencyKey.get();
            String fingerprint = command.fingerprint();
            if (idempotencyKeys.claim(key, fingerprint, id.value(), now) == 0) {
                IdempotencyKey earlier = idempotencyKeys.findById(key).orElseThrow(
                        () -> new IllegalStateException("idempotency key " + key + " vanished while claimed"));
                if (!earlier.fingerprint().equals(fingerprint)) {
                    throw new IdempotencyConflictException(key);
                }
                OrderStatus status = orders.findById(earlier.orderId().value()).map(Order::status)
                        .orElse(OrderStatus.PENDING);
                return new Placement(earlier.orderId(), status, true);
            }
        }
        Order order = orders.save(Order.place(id, command, now));
        events.placed(order);
        return new Placement(id, order.status(), false);
    }

    /** Payment-service authorized the order's payment. Must run inside the transaction that consumes the event. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<OrderStatus> paymentAuthorized(OrderId id) {
        return onResult(id, order -> order.recordPayment(PaymentResult.AUTHORIZED, "", clock.instant()));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<OrderStatus> paymentDeclined(OrderId id, String detail) {
        return onResult(id, order -> order.recordPayment(PaymentResult.DECLINED, detail, clock.instant()));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<OrderStatus> stockReserved(OrderId id) {
        return onResult(id, order -> order.recordStock(StockResult.RESERVED, "", clock.instant()));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<OrderStatus> stockRejected(OrderId id, String detail) {
        return onResult(id, order -> order.recordStock(StockResult.REJECTED, detail, clock.instant()));
    }

    /**
     * Cancels orders pending for longer than the deadline with TIMEOUT, each in its own short transaction that locks
     * the row with {@code SKIP LOCKED}, so several instances share the work and never decide one order twice.
     *
     * @return how many orders were cancelled
     */
    public int expirePending() {
        int expired = 0;
        for (int i = 0; i < properties.reaperBatch(); i++) {
            Boolean found = perOrderTransaction.execute(status -> {
                Instant now = clock.instant();
                Optional<Order> next = orders.lockNextExpired(now.minus(properties.deadline()));
                next.ifPresent(order -> order.expire(now).ifPresent(decision -> announce(order)));
                return next.isPresent();
            });
            if (!Boolean.TRUE.equals(found)) {
                break;
            }
            expired++;
        }
        return expired;
    }

    /** Forgets idempotency keys older than the retention period. */
    @Transactional
    public int forgetOldIdempotencyKeys() {
        return idempotencyKeys.deleteCreatedBefore(clock.instant().minus(properties.idempotencyRetention()));
    }

    @Transactional(readOnly = true)
    public Optional<Order> find(OrderId id) {
        return orders.findById(id.value());
    }

    private Optional<OrderStatus> onResult(OrderId id, Function<Order, Optional<OrderStatus>> record) {
        Optional<Order> found = orders.lockById(id.value());
        if (found.isEmpty()) {
            // OrderPlaced commits before anyone can answer it, so this is a result for an order we never had.
            log.warn("Ignoring a result for unknown order {}", id);
            return Optional.empty();
        }
        Order order = found.get();
        Optional<OrderStatus> decision = record.apply(order);
        decision.ifPresent(status -> announce(order));
        return decision;
    }

    private void announce(Order order) {
        if (order.status() == OrderStatus.CONFIRMED) {
            events.confirmed(order);
        } else {
            events.cancelled(order);
        }
        metrics.decided(order);
    }
}
