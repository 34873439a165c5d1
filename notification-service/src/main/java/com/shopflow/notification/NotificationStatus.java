package com.shopflow.notification;

/** Delivery state of a notification: recorded and waiting for the mail server, or accepted by it. */
public enum NotificationStatus {
    PENDING,
    SENT
}
