package com.shopflow.inventory.messaging;

import java.util.List;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.inventory.ReserveStock;
import com.shopflow.inventory.Stock;
import com.shopflow.inventory.StockLine;
import com.shopflow.messaging.inbox.Inbox;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the {@code orders} topic: reserves on OrderPlaced, releases on OrderCancelled, sells on OrderConfirmed,
 * each at most once per event through the inbox (the reservation's order id keeps it at most once per order too).
 */
@Component
class OrderEventsListener {

    static final String CONSUMER = "inventory-service";

    private final Inbox inbox;
    private final Stock stock;

    OrderEventsListener(Inbox inbox, Stock stock) {
        this.inbox = inbox;
        this.stock = stock;
    }

    @KafkaListener(id = "inventory-service-orders", topics = "orders", groupId = CONSUMER, batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        inbox.handleAll(CONSUMER, records, record -> apply(record.value()));
    }

    private void apply(SpecificRecord event) {
        switch (event) {
            case OrderPlaced placed -> stock.reserve(new ReserveStock(placed.getOrderId(), placed.getLines().stream()
                    .map(line -> new StockLine(line.getSku(), line.getQuantity()))
                    .toList()));
            case OrderCancelled cancelled -> stock.release(cancelled.getOrderId());
            case OrderConfirmed confirmed -> stock.sell(confirmed.getOrderId());
            default -> { }
        }
    }
}
