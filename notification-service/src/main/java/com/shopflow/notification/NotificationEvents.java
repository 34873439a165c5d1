package com.shopflow.notification;

/** Port through which the domain announces that a mail went out; implemented over the outbox. */
public interface NotificationEvents {

    /** Records the announcement in the caller's transaction. */
    void sent(Notification notification);
}
