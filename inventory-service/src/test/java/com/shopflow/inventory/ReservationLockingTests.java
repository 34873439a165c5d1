package com.shopflow.inventory;

import static com.shopflow.inventory.TestOrder.line;
import static com.shopflow.inventory.TestOrder.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** How a sale or a release locks its reservation: one statement that takes the row lock and brings the lines along. */
@InventoryServiceTest
class ReservationLockingTests {

    private final Stock stock;
    private final ReservationRepository reservations;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    ReservationLockingTests(@Autowired Stock stock, @Autowired ReservationRepository reservations,
                            @Autowired TransactionTemplate transactions, @Autowired JdbcTemplate jdbc) {
        this.stock = stock;
        this.reservations = reservations;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Test
    void aSecondChangeWaitsForTheFirstOnTheStatementThatFetchesTheLines() throws Exception {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        String orderId = stock.reserve(new TestOrder(line(sku, 2)).reserve()).reservation().orderId();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Own threads: the common pool may have a single worker on a 2-core machine, held by the first transaction.
        ExecutorService threads = Executors.newFixedThreadPool(2);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            int lines = reservations.lockForChange(orderId).orElseThrow().lines().size();
            locked.countDown();
            await(release);
            return lines;
        }), threads);
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> transactions.execute(
                status -> reservations.lockForChange(orderId).orElseThrow().lines().size()), threads);

        // The waiting statement is the one that also reads the lines: no unlocked read before a separate lock query.
        List<String> waiting = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList("""
                select query from pg_stat_activity
                 where wait_event_type = 'Lock'""", String.class),
                statements -> !statements.isEmpty());
        assertThat(waiting.getFirst()).contains("reservation_line").containsIgnoringCase("for no key update");
        assertThat(second).isNotDone();

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        threads.shutdown();
    }

    @Test
    void aReservationWithoutLinesIsStillFoundAndLocked() {
        String orderId = UUID.randomUUID().toString();
        stock.release(orderId); // never seen: remembered as cancelled, a reservation without lines

        Reservation found = transactions.execute(status -> reservations.lockForChange(orderId).orElseThrow());

        assertThat(found.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(found.lines()).isEmpty();
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
