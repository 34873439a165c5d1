package com.shopflow.notification;

import java.util.UUID;

/**
 * Which mails of the log to list: optionally only one order's and only one customer's, one page of them.
 *
 * @param orderId    only this order's mails, or null for every order
 * @param customerId only this customer's mails, or null for every customer (mails recorded without a customer are
 *                   found only then)
 * @param page       0-based page number
 * @param size       mails per page, at least 1
 */
public record NotificationQuery(UUID orderId, String customerId, int page, int size) {

    public NotificationQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be 1 or more");
        }
    }
}
