package com.shopflow.inventory;

import java.util.List;

/**
 * Port through which stock decisions leave the service. Called inside the transaction that made the decision, so an
 * implementation that appends to the outbox publishes exactly the committed decisions.
 */
public interface StockEvents {

    void reserved(Reservation reservation);

    void rejected(String orderId, RejectionReason reason, List<Shortage> shortages);

    void released(Reservation reservation);
}
