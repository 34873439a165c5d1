package com.shopflow.payment;

/**
 * Port through which payment decisions leave the service. Called inside the transaction that made the decision,
 * so an implementation that appends to the outbox publishes exactly the committed decisions.
 */
public interface PaymentEvents {

    void authorized(Payment payment);

    void declined(Payment payment);

    void refunded(Payment payment);
}
