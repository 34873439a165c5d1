package com.shopflow.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use case for order payments: authorize an order's total against the customer's available credit, or decline it;
 * refund it once when the order is cancelled.
 *
 * <p>Every decision takes the customer's account row lock, so concurrent orders of one customer are checked one
 * after the other against the credit the previous ones left, and can never overdraw. The unique order id of
 * {@link Payment} makes each order decided at most once, whatever event ids its messages carry.
 */
@Service
public class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    private final PaymentRepository payments;
    private final Accounts accounts;
    private final PaymentEvents events;
    private final PaymentMetrics metrics;
    private final Clock clock;

    Payments(PaymentRepository payments, Accounts accounts, PaymentEvents events, PaymentMetrics metrics, Clock clock) {
        this.payments = payments;
        this.accounts = accounts;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Decides the payment of a placed order and publishes the decision. An order that was decided before is left as
     * it is and nothing is published again; an order whose cancellation came first is declined.
     */
    @Transactional
    public Payment authorize(AuthorizePayment command) {
        Instant now = clock.instant();
        Optional<Payment> decided = payments.findByOrderIdForUpdate(command.orderId());
        if (decided.isPresent()) {
            Payment payment = decided.get();
            if (payment.status() != PaymentStatus.CANCELLED) {
                log.info("Order {} already has payment {} ({}); nothing to do", command.orderId(), payment.id(),
                        payment.status());
                return payment;
            }
            // Cancelled before placed (e.g. OrderPlaced replayed from a dead letter topic after the saga timed
            // out): taking credit now would leave it taken for good, because the cancellation was already handled.
            payment.declineLate(command.customerId(), command.amount(), now);
            return declined(payment);
        }
        Money amount = command.amount();
        if (amount.isNegative()) {
            return declined(payments.save(Payment.declined(command.orderId(), command.customerId(), amount,
                    DeclineReason.INVALID_AMOUNT, "order total %s is negative".formatted(amount), now)));
        }
        Account account = accounts.lockOrOpen(command.customerId());
        if (!account.currency().equals(amount.currency())) {
            return declined(payments.save(Payment.declined(command.orderId(), command.customerId(), amount,
                    DeclineReason.CURRENCY_MISMATCH,
                    "account is kept in %s, order total is in %s".formatted(account.currency(), amount.currency()),
                    now)));
        }
        if (!account.covers(amount)) {
            return declined(payments.save(Payment.declined(command.orderId(), command.customerId(), amount,
                    DeclineReason.INSUFFICIENT_CREDIT,
                    "available credit %s is less than the order total %s".formatted(account.available(), amount),
                    now)));
        }
        account.take(amount, now);
        Payment payment = payments.save(Payment.authorized(command.orderId(), command.customerId(), amount, now));
        events.authorized(payment);
        metrics.authorized();
        return payment;
    }

    /**
     * Refunds the order's authorized payment once and publishes it. A declined or already refunded order is left
     * alone; an order never seen is remembered as cancelled, so its OrderPlaced, should it come late, takes nothing.
     */
    @Transactional
    public Payment refund(RefundPayment command) {
        Instant now = clock.instant();
        Payment payment = payments.findByOrderIdForUpdate(command.orderId()).orElse(null);
        if (payment == null) {
            Money total = command.orderTotal();
            // Returns 0 when a concurrent authorization of this order committed first; then refund that one.
            payments.insertCancellationIfAbsent(UUID.randomUUID(), command.orderId(), command.customerId(),
                    total.amountMinor(), total.currency(), now);
            payment = payments.findByOrderIdForUpdate(command.orderId()).orElseThrow();
        }
        if (payment.status() != PaymentStatus.AUTHORIZED) {
            log.info("Order {} cancelled; its payment is {}, nothing to refund", command.orderId(), payment.status());
            return payment;
        }
        Account account = accounts.lockOrOpen(payment.customerId());
        account.giveBack(payment.amount(), now);
        payment.refund(now);
        events.refunded(payment);
        metrics.refunded();
        return payment;
    }

    @Transactional(readOnly = true)
    public Optional<Payment> findByOrderId(String orderId) {
        return payments.findByOrderId(orderId);
    }

    private Payment declined(Payment payment) {
        events.declined(payment);
        metrics.declined();
        return payment;
    }
}
