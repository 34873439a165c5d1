package com.shopflow.order;

import com.shopflow.events.common.Money;
import com.shopflow.events.inventory.RejectionReason;
import com.shopflow.events.inventory.Shortage;
import com.shopflow.events.inventory.StockLine;
import com.shopflow.events.inventory.StockRejected;
import com.shopflow.events.inventory.StockReserved;
import com.shopflow.events.payments.DeclineReason;
import com.shopflow.events.payments.PaymentAuthorized;
import com.shopflow.events.payments.PaymentDeclined;
import com.shopflow.testkit.TestEvents;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** Payment and stock result events as payment-service and inventory-service would publish them. */
final class Results {

    static final String PAYMENTS = "payments";
    static final String INVENTORY = "inventory";

    private Results() {
    }

    static SpecificRecord payment(OrderId id, boolean authorized) {
        Money amount = Money.newBuilder().setAmountMinor(2500).setCurrency("EUR").build();
        if (authorized) {
            return PaymentAuthorized.newBuilder()
                    .setMetadata(TestEvents.metadata(id.toString(), "payment-service", 1))
                    .setOrderId(id.toString()).setCustomerId("c-1").setPaymentId(UUID.randomUUID().toString())
                    .setAmount(amount).build();
        }
        return PaymentDeclined.newBuilder()
                .setMetadata(TestEvents.metadata(id.toString(), "payment-service", 1))
                .setOrderId(id.toString()).setCustomerId("c-1").setAmount(amount)
                .setReason(DeclineReason.INSUFFICIENT_CREDIT).setDetail("available 10.00, asked 25.00").build();
    }

    static SpecificRecord stock(OrderId id, boolean reserved) {
        if (reserved) {
            return StockReserved.newBuilder()
                    .setMetadata(TestEvents.metadata(id.toString(), "inventory-service", 1))
                    .setOrderId(id.toString())
                    .setLines(List.of(StockLine.newBuilder().setSku("SKU-1").setQuantity(2).build())).build();
        }
        return StockRejected.newBuilder()
                .setMetadata(TestEvents.metadata(id.toString(), "inventory-service", 1))
                .setOrderId(id.toString()).setReason(RejectionReason.OUT_OF_STOCK)
                .setShortages(List.of(Shortage.newBuilder().setSku("SKU-1").setRequested(2).setAvailable(1).build()))
                .build();
    }

    static String topicOf(SpecificRecord event) {
        return event instanceof PaymentAuthorized || event instanceof PaymentDeclined ? PAYMENTS : INVENTORY;
    }

    static String eventId(SpecificRecord event) {
        return com.shopflow.messaging.inbox.Inbox.metadataOf(event).getEventId();
    }
}
