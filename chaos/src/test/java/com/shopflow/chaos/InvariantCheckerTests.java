package com.shopflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The checker sees broken guarantees: proof that a clean report means something. */
class InvariantCheckerTests {

    @Test
    void reportsStockThatIsNotConserved() {
        ChaosRun run = SharedStack.run();
        String sku = run.shop().putIn().keySet().iterator().next();
        run.databases().update("inventory", "update stock_item set available = available + 7 where sku = '" + sku + "'");
        try {
            InvariantChecker.Result result = run.checker().check(run.traffic().accepted(), run.shop(), List.of());

            assertThat(result.violations()).anyMatch(v -> v.invariant().equals("STOCK_NOT_CONSERVED")
                    && v.subject().equals(sku));
        } finally {
            run.databases().update("inventory", "update stock_item set available = available - 7 where sku = '" + sku + "'");
        }
    }

    @Test
    void reportsAConfirmedOrderWhosePaymentIsNotStanding() {
        ChaosRun run = SharedStack.run();
        String orderId = aConfirmedOrder(run);
        run.databases().update("payments", "update payment set status = 'DECLINED' where order_id = '" + orderId + "'");
        try {
            InvariantChecker.Result result = run.checker().check(run.traffic().accepted(), run.shop(), List.of());

            assertThat(result.violations()).anyMatch(v -> v.invariant().equals("CONFIRMED_WITHOUT_AUTHORIZATION")
                    && v.subject().equals(orderId));
            assertThat(result.violations()).anyMatch(v -> v.invariant().equals("CREDIT_MISMATCH"));
        } finally {
            run.databases().update("payments", "update payment set status = 'AUTHORIZED' where order_id = '" + orderId + "'");
        }
    }

    @Test
    void reportsAReadModelThatDisagreesWithTheOrders() {
        ChaosRun run = SharedStack.run();
        String orderId = aConfirmedOrder(run);
        String timelineOfDecision = "select event_id from order_timeline where type = 'OrderConfirmed' and order_id = '"
                + orderId + "'";
        await().atMost(Duration.ofMinutes(1)).until(() -> !run.databases().query("orders", timelineOfDecision).isEmpty());
        String decision = (String) run.databases().query("orders", timelineOfDecision).getFirst()[0];
        run.databases().update("orders", "update order_view set status = 'PENDING' where order_id = '" + orderId + "'");
        run.databases().update("orders", "update order_timeline set type = 'OrderPlaced' where event_id = '" + decision
                + "'");
        try {
            InvariantChecker.Result result = run.checker().check(run.traffic().accepted(), run.shop(), List.of());

            assertThat(result.violations()).anyMatch(v -> v.invariant().equals("READ_MODEL_STATUS")
                    && v.subject().equals(orderId));
            assertThat(result.violations()).anyMatch(v -> v.invariant().equals("READ_MODEL_TIMELINE")
                    && v.subject().equals(orderId));
        } finally {
            run.databases().update("orders", "update order_view set status = 'CONFIRMED' where order_id = '" + orderId + "'");
            run.databases().update("orders", "update order_timeline set type = 'OrderConfirmed' where event_id = '"
                    + decision + "'");
        }
    }

    private static String aConfirmedOrder(ChaosRun run) {
        run.traffic().burst(5, 5);
        await().atMost(Duration.ofMinutes(2)).until(() -> !confirmedOrders(run).isEmpty());
        return confirmedOrders(run).getFirst();
    }

    private static List<String> confirmedOrders(ChaosRun run) {
        return run.databases().query("orders", "select id::text from orders where status = 'CONFIRMED' limit 1")
                .stream().map(row -> (String) row[0]).toList();
    }
}
