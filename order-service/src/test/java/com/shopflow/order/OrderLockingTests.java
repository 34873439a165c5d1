package com.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** How the saga locks an order: one statement that takes the row lock and brings the lines along. */
class OrderLockingTests extends OrderServiceIntegration {

    @Test
    void aSecondResultWaitsForTheFirstOnTheStatementThatFetchesTheLines() throws Exception {
        OrderId id = placeOrder();
        OrderRepository orders = context.getBean(OrderRepository.class);
        TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Own threads: the common pool may have a single worker on a 2-core machine, held by the first transaction.
        ExecutorService threads = Executors.newFixedThreadPool(2);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            int lines = orders.lockById(id.value()).orElseThrow().lines().size();
            locked.countDown();
            await(release);
            return lines;
        }), threads);
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> transactions.execute(
                status -> orders.lockById(id.value()).orElseThrow().lines().size()), threads);

        // The waiting statement is the one that also reads the lines: no unlocked read before a separate lock query.
        List<String> waiting = Awaitility.await().atMost(WAIT).until(() -> jdbc.queryForList("""
                select query from pg_stat_activity
                 where wait_event_type = 'Lock'""", String.class),
                statements -> !statements.isEmpty());
        assertThat(waiting.getFirst()).contains("order_lines").containsIgnoringCase("for no key update");
        assertThat(second).isNotDone();

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        threads.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
