package com.shopflow.notification;

import java.util.UUID;

/** In-process signal that a pending notification was stored; the sender reacts to it after the commit. */
public record NotificationRecorded(UUID notificationId) {
}
