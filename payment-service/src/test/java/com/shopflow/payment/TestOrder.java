package com.shopflow.payment;

import java.util.UUID;

import com.shopflow.events.orders.CancellationReason;
import com.shopflow.testkit.OrderEventsBuilder;

/** One order of a payment test: a single line worth the whole amount; its events come from the test kit's builder. */
final class TestOrder extends OrderEventsBuilder {

    final String orderId = orderId();
    final String customerId;
    final com.shopflow.events.common.Money total;

    TestOrder(String customerId, long amountMinor, String currency) {
        customer(customerId).currency(currency).line("SKU-1", 1, amountMinor)
                .cancellation(CancellationReason.OUT_OF_STOCK, "SKU-1 is short");
        this.customerId = customerId;
        this.total = total();
    }

    static String newCustomer() {
        return "customer-" + UUID.randomUUID();
    }

    Money amount() {
        return new Money(total.getAmountMinor(), total.getCurrency());
    }
}
