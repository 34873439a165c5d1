package com.shopflow.notification;

import java.util.UUID;

/** No notification with this id exists, or the caller may not see it (answered alike, so ids cannot be probed). */
public class NotificationNotFoundException extends RuntimeException {

    public NotificationNotFoundException(UUID id) {
        super("no notification " + id);
    }
}
