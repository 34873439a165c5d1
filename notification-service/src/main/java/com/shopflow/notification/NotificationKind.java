package com.shopflow.notification;

/** What a notification tells the customer about their order. */
public enum NotificationKind {
    ORDER_RECEIVED,
    ORDER_CONFIRMED,
    ORDER_CANCELLED
}
