package com.shopflow.notification;

/** Why an order was cancelled, as far as the customer needs to know. */
public enum CancellationReason {
    UNKNOWN("We could not complete your order."),
    PAYMENT_DECLINED("Your payment could not be authorised, so nothing was charged."),
    OUT_OF_STOCK("Some of the articles you ordered are no longer in stock."),
    TIMEOUT("We could not confirm your order in time, so we cancelled it.");

    private final String explanation;

    CancellationReason(String explanation) {
        this.explanation = explanation;
    }

    /** The sentence the cancellation mail shows the customer. */
    public String explanation() {
        return explanation;
    }
}
