package com.shopflow.order;

/** The idempotency key was already used for a request with a different body. */
public class IdempotencyConflictException extends RuntimeException {

    private final String key;

    public IdempotencyConflictException(String key) {
        super("Idempotency-Key '" + key + "' was already used with a different request body");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
