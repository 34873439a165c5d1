package com.shopflow.notification.messaging;

import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.notification.CancellationReason;
import com.shopflow.notification.Money;
import com.shopflow.notification.OrderLine;
import com.shopflow.notification.OrderMail;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** Maps the Avro order events to the domain's {@link OrderMail}; the only place that knows both. */
final class OrderEventMapping {

    private OrderEventMapping() {
    }

    /** The mail an order event calls for, or null for an event type that sends none. */
    static OrderMail toMail(SpecificRecord event) {
        return switch (event) {
            case OrderPlaced placed -> new OrderMail.Received(placed.getMetadata().getEventId(),
                    UUID.fromString(placed.getOrderId()), placed.getCustomerId(), placed.getCustomerEmail(),
                    lines(placed.getLines(), placed.getTotal().getCurrency()), money(placed.getTotal()));
            case OrderConfirmed confirmed -> new OrderMail.Confirmed(confirmed.getMetadata().getEventId(),
                    UUID.fromString(confirmed.getOrderId()), confirmed.getCustomerId(), confirmed.getCustomerEmail(),
                    lines(confirmed.getLines(), confirmed.getTotal().getCurrency()), money(confirmed.getTotal()));
            case OrderCancelled cancelled -> new OrderMail.Cancelled(cancelled.getMetadata().getEventId(),
                    UUID.fromString(cancelled.getOrderId()), cancelled.getCustomerId(), cancelled.getCustomerEmail(),
                    reason(cancelled.getReason()), cancelled.getDetail(), money(cancelled.getTotal()));
            default -> null;
        };
    }

    private static List<OrderLine> lines(List<com.shopflow.events.orders.OrderLine> lines, String currency) {
        return lines.stream()
                .map(line -> new OrderLine(line.getSku(), line.getQuantity(), new Money(line.getUnitPriceMinor(), currency)))
                .toList();
    }

    private static Money money(com.shopflow.events.common.Money money) {
        return new Money(money.getAmountMinor(), money.getCurrency());
    }

    private static CancellationReason reason(com.shopflow.events.orders.CancellationReason reason) {
        return switch (reason) {
            case PAYMENT_DECLINED -> CancellationReason.PAYMENT_DECLINED;
            case OUT_OF_STOCK -> CancellationReason.OUT_OF_STOCK;
            case TIMEOUT -> CancellationReason.TIMEOUT;
            case UNKNOWN -> CancellationReason.UNKNOWN;
        };
    }
}
