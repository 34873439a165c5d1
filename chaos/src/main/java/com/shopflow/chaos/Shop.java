package com.shopflow.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The customers and SKUs one chaos run orders with, named after the run so they never meet another run's data:
 * rich customers and plentiful SKUs (orders confirm), a customer without credit (payment declines, the reservation
 * is released), and a scarce SKU that runs out (stock is rejected, the authorization is refunded).
 */
public final class Shop {

    /** What an order is meant to exercise; the outcome may differ (a timeout during an outage cancels anything). */
    public enum OrderKind { CONFIRM, DECLINE, OUT_OF_STOCK }

    public static final String CURRENCY = "EUR";
    private static final int PLENTY = 1_000_000;
    private static final int SCARCE = 40;

    private final String tag;
    private final List<String> richCustomers;
    private final String brokeCustomer;
    private final List<String> plentySkus;
    private final String scarceSku;
    private final Map<String, Integer> putIn = new LinkedHashMap<>();

    public Shop(String tag) {
        this.tag = tag;
        this.richCustomers = List.of("rich-" + tag + "-1", "rich-" + tag + "-2", "rich-" + tag + "-3");
        this.brokeCustomer = "broke-" + tag;
        this.plentySkus = List.of("PLENTY-" + tag + "-1", "PLENTY-" + tag + "-2", "PLENTY-" + tag + "-3");
        this.scarceSku = "SCARCE-" + tag;
    }

    public String tag() {
        return tag;
    }

    /** Prefix shared by every customer id of this run (the invariant checker selects the run's orders by it). */
    public List<String> customerPrefixes() {
        return List.of("rich-" + tag + "-", "broke-" + tag);
    }

    /** Units put into each SKU of this run (before any order), for the conservation check. */
    public Map<String, Integer> putIn() {
        return Map.copyOf(putIn);
    }

    /** Sets credit limits and stock through the services' REST APIs; fails if a service refuses. */
    public void seed(Http http, String paymentUrl, String inventoryUrl) {
        for (String customer : richCustomers) {
            expectOk(http.putJson(paymentUrl + "/accounts/" + customer, "{\"creditLimit\": 100000000.00}"), customer);
        }
        expectOk(http.putJson(paymentUrl + "/accounts/" + brokeCustomer, "{\"creditLimit\": 0}"), brokeCustomer);
        for (String sku : plentySkus) {
            expectOk(http.putJson(inventoryUrl + "/stock/" + sku, "{\"available\": " + PLENTY + "}"), sku);
            putIn.put(sku, PLENTY);
        }
        expectOk(http.putJson(inventoryUrl + "/stock/" + scarceSku, "{\"available\": " + SCARCE + "}"), scarceSku);
        putIn.put(scarceSku, SCARCE);
    }

    private static void expectOk(Http.Response response, String what) {
        if (!response.is2xx()) {
            throw new IllegalStateException("Seeding " + what + " failed: " + response.status() + " "
                    + (response.error() != null ? response.error() : response.body()));
        }
    }

    /** Mostly confirming orders, with a share meant to be declined and a share on the scarce SKU. */
    public OrderKind nextKind(SplittableRandom random) {
        int dice = random.nextInt(100);
        return dice < 70 ? OrderKind.CONFIRM : dice < 85 ? OrderKind.DECLINE : OrderKind.OUT_OF_STOCK;
    }

    /** The JSON body of {@code POST /orders} for an order of this kind. */
    public String orderBody(OrderKind kind, SplittableRandom random) {
        String customer = kind == OrderKind.DECLINE ? brokeCustomer
                : richCustomers.get(random.nextInt(richCustomers.size()));
        StringBuilder lines = new StringBuilder();
        lines.append(line(plentySkus.get(random.nextInt(plentySkus.size())), 1 + random.nextInt(3),
                (5 + random.nextInt(50)) + ".50"));
        if (kind == OrderKind.OUT_OF_STOCK) {
            lines.append(',').append(line(scarceSku, 5, "3.25"));
        }
        return "{\"customerId\":\"" + customer + "\",\"customerEmail\":\"" + customer + "@example.com\","
                + "\"currency\":\"" + CURRENCY + "\",\"lines\":[" + lines + "]}";
    }

    private static String line(String sku, int quantity, String price) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unitPrice\":" + price + "}";
    }
}
