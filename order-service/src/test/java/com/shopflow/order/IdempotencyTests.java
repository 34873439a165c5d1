package com.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POST /orders: replays answer the first order, conflicts are refused, races make one order. */
class IdempotencyTests extends OrderServiceIntegration {

    @Test
    void replayWithSameKeyAndBodyAnswersTheSameOrderAndAppendsNoSecondEvent() {
        String key = UUID.randomUUID().toString();
        String customer = newCustomer();

        HttpApi.Answer first = api.postOrder(orderJson(customer), key);
        // Same meaning, different formatting: still the same request.
        HttpApi.Answer replay = api.postOrder(orderJson(customer).replace("12.50", "12.5").replace("\n", " "), key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().path("orderId").asString()).isEqualTo(first.json().path("orderId").asString());
        assertThat(replay.location()).isEqualTo(first.location());
        assertThat(ordersOf(customer)).isEqualTo(1);
        assertThat(ordersEventsAppended(OrderId.parse(first.json().path("orderId").asString()))).isEqualTo(1);
    }

    @Test
    void sameKeyWithDifferentBodyIsRefusedWith422() {
        String key = UUID.randomUUID().toString();
        String customer = newCustomer();
        api.postOrder(orderJson(customer), key);

        HttpApi.Answer conflict = api.postOrder(orderJson(customer).replace("\"quantity\":2", "\"quantity\":3"), key);

        assertThat(conflict.status()).isEqualTo(422);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.field()).isEqualTo("Idempotency-Key");
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void concurrentPostsWithOneKeyCreateOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String customer = newCustomer();
        int parallel = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<HttpApi.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                Callable<HttpApi.Answer> post = () -> {
                    start.await();
                    return api.postOrder(orderJson(customer), key);
                };
                answers.add(pool.submit(post));
            }
            start.countDown();
            List<String> orderIds = new ArrayList<>();
            for (Future<HttpApi.Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(202);
                orderIds.add(answer.get().json().path("orderId").asString());
            }
            assertThat(orderIds).containsOnly(orderIds.get(0));
        } finally {
            pool.shutdown();
        }
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void forgetsKeysOnlyAfterTheirRetention() {
        String key = UUID.randomUUID().toString();
        api.postOrder(orderJson(newCustomer()), key);
        jdbc.update("update idempotency_keys set created_at = now() - interval '23 hours' where idem_key = ?", key);
        context.getBean(Orders.class).forgetOldIdempotencyKeys();
        assertThat(keyExists(key)).as("kept for 23 h").isTrue();

        jdbc.update("update idempotency_keys set created_at = now() - interval '26 hours' where idem_key = ?", key);
        context.getBean(Orders.class).forgetOldIdempotencyKeys();
        assertThat(keyExists(key)).as("forgotten after 26 h").isFalse();
    }

    private boolean keyExists(String key) {
        return jdbc.queryForObject("select count(*) from idempotency_keys where idem_key = ?", Long.class, key) == 1;
    }

    private long ordersOf(String customer) {
        return jdbc.queryForObject("select count(*) from orders where customer_id = ?", Long.class, customer);
    }
}
