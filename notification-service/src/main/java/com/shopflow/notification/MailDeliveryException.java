package com.shopflow.notification;

/** The mail server did not accept a mail; the notification stays pending and is retried. */
public class MailDeliveryException extends RuntimeException {

    private final boolean serverUnreachable;

    public MailDeliveryException(String message, boolean serverUnreachable, Throwable cause) {
        super(message, cause);
        this.serverUnreachable = serverUnreachable;
    }

    /** True when no connection to the server could be made, so every other mail would fail the same way now. */
    public boolean serverUnreachable() {
        return serverUnreachable;
    }
}
