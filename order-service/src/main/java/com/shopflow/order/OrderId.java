package com.shopflow.order;

import java.util.Objects;
import java.util.UUID;

/** Identity of an order; also the saga's correlation id and the record key on every topic. */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text; throws {@link IllegalArgumentException} for anything else. */
    public static OrderId parse(String text) {
        return new OrderId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
