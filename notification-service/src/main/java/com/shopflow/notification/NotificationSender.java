package com.shopflow.notification;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The background loop that delivers pending mails: woken right after a notification is committed, and polling as a
 * fallback for retries, for mails recorded by another instance, and for signals lost in a crash.
 */
@Component
public class NotificationSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final Notifications notifications;
    private final NotificationProperties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    public NotificationSender(Notifications notifications, NotificationProperties properties) {
        this.notifications = notifications;
        this.properties = properties;
    }

    /** Called after the inbox transaction that stored a notification has committed, never before. */
    @TransactionalEventListener
    public void onRecorded(NotificationRecorded recorded) {
        wake();
    }

    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("notification-sender").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            int claimed = 0;
            try {
                claimed = notifications.deliverDue();
                notifications.refreshBacklog();
            } catch (RuntimeException e) {
                // Typically the database is unreachable; the next round tries again, nothing is lost.
                log.warn("Delivery round failed: {}", e.toString());
            }
            if (claimed < properties.batchSize()) {
                awaitSignal();
            }
        }
    }

    private void awaitSignal() {
        lock.lock();
        try {
            long nanos = properties.pollInterval().toNanos();
            while (!woken && running && nanos > 0) {
                nanos = wakeUp.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
