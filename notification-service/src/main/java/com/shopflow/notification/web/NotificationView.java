package com.shopflow.notification.web;

import com.shopflow.notification.Notification;
import com.shopflow.notification.NotificationKind;
import com.shopflow.notification.NotificationStatus;
import java.time.Instant;

/** One entry of the mail log as the REST API shows it. */
public record NotificationView(NotificationKind kind, String recipient, NotificationStatus status, Instant sentAt,
                               String messageId) {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.kind(), notification.recipient(), notification.status(),
                notification.sentAt(), notification.messageId());
    }
}
