package com.shopflow.inventory.messaging;

import java.util.List;

import com.shopflow.events.inventory.RejectionReason;
import com.shopflow.events.inventory.Shortage;
import com.shopflow.events.inventory.StockLine;
import com.shopflow.events.inventory.StockRejected;
import com.shopflow.events.inventory.StockReleased;
import com.shopflow.events.inventory.StockReserved;
import com.shopflow.inventory.Reservation;
import com.shopflow.inventory.StockEvents;
import com.shopflow.messaging.outbox.Outbox;

import org.springframework.stereotype.Component;

/** Publishes stock decisions to the {@code inventory} topic, keyed by order id, through the transactional outbox. */
@Component
class OutboxStockEvents implements StockEvents {

    static final String TOPIC = "inventory";

    private final Outbox outbox;

    OutboxStockEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void reserved(Reservation reservation) {
        outbox.append(TOPIC, reservation.orderId(), metadata -> StockReserved.newBuilder()
                .setMetadata(metadata)
                .setOrderId(reservation.orderId())
                .setLines(lines(reservation))
                .build());
    }

    @Override
    public void rejected(String orderId, com.shopflow.inventory.RejectionReason reason,
                         List<com.shopflow.inventory.Shortage> shortages) {
        RejectionReason avroReason = switch (reason) {
            case OUT_OF_STOCK -> RejectionReason.OUT_OF_STOCK;
            case UNKNOWN_SKU -> RejectionReason.UNKNOWN_SKU;
            // No symbol in the schema (yet), and StockRejected has no detail field: UNKNOWN, no shortages.
            case ORDER_ALREADY_CANCELLED, INVALID_ORDER -> RejectionReason.UNKNOWN;
        };
        outbox.append(TOPIC, orderId, metadata -> StockRejected.newBuilder()
                .setMetadata(metadata)
                .setOrderId(orderId)
                .setReason(avroReason)
                .setShortages(shortages.stream()
                        .map(s -> new Shortage(s.sku(), s.requested(), s.available()))
                        .toList())
                .build());
    }

    @Override
    public void released(Reservation reservation) {
        outbox.append(TOPIC, reservation.orderId(), metadata -> StockReleased.newBuilder()
                .setMetadata(metadata)
                .setOrderId(reservation.orderId())
                .setLines(lines(reservation))
                .build());
    }

    private static List<StockLine> lines(Reservation reservation) {
        return reservation.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList();
    }
}
