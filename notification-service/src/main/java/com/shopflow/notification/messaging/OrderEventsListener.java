package com.shopflow.notification.messaging;

import java.util.List;
import com.shopflow.messaging.inbox.Inbox;
import com.shopflow.messaging.inbox.StalePolicy;
import com.shopflow.messaging.kafka.BatchingFetch;
import com.shopflow.notification.Notifications;
import com.shopflow.notification.OrderMail;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes the {@code orders} topic and records, through the inbox, the mail each order event calls for. */
@Component
public class OrderEventsListener {

    static final String CONSUMER = "notification-service";

    private static final Logger log = LoggerFactory.getLogger(OrderEventsListener.class);

    private final Inbox inbox;
    private final Notifications notifications;

    public OrderEventsListener(Inbox inbox, Notifications notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    // A mail may leave a quarter second later; in exchange a whole batch of events is recorded in one transaction
    // and its mails go out over one SMTP connection.
    @KafkaListener(id = "notification-orders", topics = "orders", groupId = CONSUMER, batch = "true",
            properties = {BatchingFetch.MAX_WAIT, BatchingFetch.MIN_BYTES})
    public void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        // Every record goes through the inbox, so one that does not belong on the topic is dead-lettered there
        // rather than skipped here. Arrival order does not matter (IGNORE): every order event is a fact the customer
        // is told about, whatever order it arrives in.
        inbox.handleAll(CONSUMER, records, StalePolicy.IGNORE, record -> {
            OrderMail mail = OrderEventMapping.toMail(record.value());
            if (mail == null) {
                log.debug("No mail for {} at {}-{}@{}", record.value().getSchema().getFullName(), record.topic(),
                        record.partition(), record.offset());
                return;
            }
            notifications.record(mail);
        });
    }
}
