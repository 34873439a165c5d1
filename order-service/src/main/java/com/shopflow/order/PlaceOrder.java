package com.shopflow.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Command to place an order, already validated and converted to minor units. */
public record PlaceOrder(String customerId, String customerEmail, Currency currency, List<OrderLine> lines) {

    public PlaceOrder {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(customerEmail, "customerEmail");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
    }

    /** Sum of all line totals; throws {@link ArithmeticException} on overflow. */
    public long totalMinor() {
        long total = 0;
        for (OrderLine line : lines) {
            total = Math.addExact(total, line.lineTotalMinor());
        }
        return total;
    }

    /**
     * A digest of the command's meaning, so an idempotent replay is recognised even when the JSON differs
     * in whitespace, field order or number formatting ({@code 12.5} vs {@code 12.50}).
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder()
                .append(customerId).append('\u0000')
                .append(customerEmail).append('\u0000')
                .append(currency.getCurrencyCode());
        for (OrderLine line : lines) {
            canonical.append('\u0000').append(line.sku())
                    .append('\u0001').append(line.quantity())
                    .append('\u0001').append(line.unitPriceMinor());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
