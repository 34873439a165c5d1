package com.shopflow.notification.messaging;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.notifications.NotificationKind;
import com.shopflow.events.notifications.NotificationSent;
import com.shopflow.messaging.MessageContext;
import com.shopflow.messaging.outbox.Outbox;
import com.shopflow.notification.Notification;
import com.shopflow.notification.NotificationEvents;
import org.springframework.stereotype.Component;

/** Announces sent mails as {@code NotificationSent} on the {@code notifications} topic, through the outbox. */
@Component
public class OutboxNotificationEvents implements NotificationEvents {

    static final String TOPIC = "notifications";

    private final Outbox outbox;

    public OutboxNotificationEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void sent(Notification notification) {
        String orderId = notification.orderId().toString();
        // The mail goes out on the sender thread, long after the order event was handled; re-establishing that event
        // as the context gives NotificationSent the saga's correlation id and the order event as its causation.
        // The outbox reads only eventId and correlationId from it; the other fields just satisfy the schema.
        EventMetadata cause = EventMetadata.newBuilder()
                .setEventId(notification.eventId())
                .setOccurredAt(notification.createdAt())
                .setCorrelationId(orderId)
                .setProducer("order-service")
                .setSequence(0)
                .build();
        MessageContext context = new MessageContext("notification-sender", "orders", orderId, cause, null, false);
        MessageContext.runWith(context, () -> outbox.append(TOPIC, orderId, metadata -> NotificationSent.newBuilder()
                .setMetadata(metadata)
                .setOrderId(orderId)
                .setKind(NotificationKind.valueOf(notification.kind().name()))
                .setRecipient(notification.recipient())
                .setMessageId(notification.messageId())
                .setSentAt(notification.sentAt())
                .build()));
    }
}
