package com.shopflow.notification;

import java.util.List;
import java.util.UUID;

/** The facts about an order that one mail needs, taken from the order event that caused it. */
public sealed interface OrderMail {

    /** Id of the causing event; it makes the notification and its Message-ID unique. */
    String eventId();

    UUID orderId();

    /** The customer who placed the order; the only one besides admins who may read the mail in the log. */
    String customerId();

    String recipient();

    NotificationKind kind();

    /** The order was placed and is being checked. */
    record Received(String eventId, UUID orderId, String customerId, String recipient, List<OrderLine> lines,
                    Money total) implements OrderMail {
        public Received {
            lines = List.copyOf(lines);
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.ORDER_RECEIVED;
        }
    }

    /** Payment and stock are secured; the order will be shipped. */
    record Confirmed(String eventId, UUID orderId, String customerId, String recipient, List<OrderLine> lines,
                     Money total) implements OrderMail {
        public Confirmed {
            lines = List.copyOf(lines);
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.ORDER_CONFIRMED;
        }
    }

    /** The order will not be fulfilled. */
    record Cancelled(String eventId, UUID orderId, String customerId, String recipient, CancellationReason reason,
                     String detail, Money total) implements OrderMail {
        @Override
        public NotificationKind kind() {
            return NotificationKind.ORDER_CANCELLED;
        }
    }
}
