package com.shopflow.notification;

import com.shopflow.testkit.OrderEventsBuilder;

/**
 * Order events as order-service would publish them (test kit), for one fresh order, customer and recipient per test.
 */
final class OrderEventsFixture extends OrderEventsBuilder {

    final String orderId = orderId();
    final String recipient = "customer-" + orderId.substring(0, 8) + "@example.com";

    /** 2 × 12.50 EUR + 1 × 1.99 EUR = 26.99 EUR, for a customer of its own. */
    OrderEventsFixture() {
        customer("customer-" + orderId.substring(0, 8)).customerEmail(recipient)
                .line("SKU-BOOK", 2, 1250L).line("SKU-PEN", 1, 199L);
    }

    /** The same order for {@code customerId}; several fixtures may share a customer. */
    OrderEventsFixture(String customerId) {
        this();
        customer(customerId);
    }
}
