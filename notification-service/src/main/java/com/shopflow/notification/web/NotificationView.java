package com.shopflow.notification.web;

import com.shopflow.notification.Notification;
import com.shopflow.notification.NotificationKind;
import com.shopflow.notification.NotificationStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the mail log as the REST API shows it.
 *
 * @param customerId null for a mail recorded before the log kept customers
 */
public record NotificationView(UUID id, UUID orderId, String customerId, NotificationKind kind, String subject,
                               String recipient, NotificationStatus status, Instant createdAt, Instant sentAt,
                               String messageId) {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.id(), notification.orderId(), notification.customerId(),
                notification.kind(), notification.subject(), notification.recipient(), notification.status(),
                notification.createdAt(), notification.sentAt(), notification.messageId());
    }
}
