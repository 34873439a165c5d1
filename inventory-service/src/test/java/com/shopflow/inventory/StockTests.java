package com.shopflow.inventory;

import static com.shopflow.inventory.TestOrder.line;
import static com.shopflow.inventory.TestOrder.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import com.shopflow.testkit.Concurrently;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** The use case called directly, many threads at once, against the real database. */
@InventoryServiceTest
class StockTests {

    private final Stock stock;

    StockTests(@Autowired Stock stock) {
        this.stock = stock;
    }

    @Test
    void concurrentReservationsFromManyThreadsNeverOversell() throws Exception {
        String sku = newSku();
        stock.setAvailable(sku, 100);
        List<Callable<ReservationResult>> calls = IntStream.range(0, 60)
                .mapToObj(i -> (Callable<ReservationResult>) () -> stock.reserve(new TestOrder(line(sku, 3)).reserve()))
                .toList();

        List<ReservationResult> results = Concurrently.run(16, calls);

        // 33 x 3 = 99 units fit into 100, a 34th order would not.
        assertThat(results).filteredOn(ReservationResult::reserved).hasSize(33);
        assertThat(results).filteredOn(result -> !result.reserved()).hasSize(27)
                .allSatisfy(result -> assertThat(result.shortages()).containsExactly(new Shortage(sku, 3, 1, false)));
        assertStock(sku, 1, 99, 0);
    }

    @Test
    void ordersSharingSkusInOppositeOrderNeitherDeadlockNorOversell() throws Exception {
        String a = newSku();
        String b = newSku();
        stock.setAvailable(a, 30);
        stock.setAvailable(b, 30);
        List<Callable<ReservationResult>> calls = IntStream.range(0, 40)
                .mapToObj(i -> (Callable<ReservationResult>) () -> stock.reserve((i % 2 == 0
                        ? new TestOrder(line(a, 1), line(b, 2)) : new TestOrder(line(b, 2), line(a, 1))).reserve()))
                .toList();

        List<ReservationResult> results = Concurrently.run(16, calls);

        // b runs out after 15 orders (15 x 2 = 30); a then still has 15.
        assertThat(results).filteredOn(ReservationResult::reserved).hasSize(15);
        assertStock(a, 15, 15, 0);
        assertStock(b, 0, 30, 0);
    }

    @Test
    void reservesReleasesAndSellsEachOrderOnce() {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        TestOrder kept = new TestOrder(line(sku, 2), line(sku, 1));
        TestOrder cancelled = new TestOrder(line(sku, 4));

        ReservationResult first = stock.reserve(kept.reserve());
        ReservationResult again = stock.reserve(kept.reserve());
        stock.reserve(cancelled.reserve());
        stock.sell(kept.orderId);
        stock.sell(kept.orderId);
        stock.release(cancelled.orderId);
        stock.release(cancelled.orderId);
        stock.release(kept.orderId);

        assertThat(first.reservation().lines()).containsExactly(line(sku, 3));
        assertThat(again.reserved()).isTrue();
        assertStock(sku, 7, 0, 3);
        assertThat(stock.findReservation(kept.orderId).orElseThrow().status()).isEqualTo(ReservationStatus.SOLD);
        assertThat(stock.findReservation(cancelled.orderId).orElseThrow().status())
                .isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void concurrentMixOfReservationsReleasesAndSalesConservesEveryUnit() throws Exception {
        List<String> skus = List.of(newSku(), newSku(), newSku());
        skus.forEach(sku -> stock.setAvailable(sku, 40));
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            TestOrder order = new TestOrder(line(skus.get(i % 3), 1 + i % 4), line(skus.get((i + 1) % 3), 2));
            int step = i;
            calls.add(() -> {
                ReservationResult result = stock.reserve(order.reserve());
                if (result.reserved()) {
                    return step % 2 == 0 ? stock.sell(order.orderId) : stock.release(order.orderId);
                }
                return result;
            });
        }

        Concurrently.run(16, calls);

        for (String sku : skus) {
            StockItem item = stock.find(sku);
            assertThat(item.available()).isNotNegative();
            assertThat(item.reserved()).isZero();
            assertThat(item.available() + item.reserved() + item.sold()).as("units of " + sku).isEqualTo(40);
        }
    }

    @Test
    void cancellationBeforePlacementRejectsTheLateOrder() {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        TestOrder order = new TestOrder(line(sku, 3));

        Reservation tombstone = stock.release(order.orderId);
        ReservationResult late = stock.reserve(order.reserve());

        assertThat(tombstone.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(late.reserved()).isFalse();
        assertThat(late.rejection()).contains(RejectionReason.ORDER_ALREADY_CANCELLED);
        assertStock(sku, 10, 0, 0);
    }

    @Test
    void reservationRacingTheCancellationOfTheSameOrderNeverLeavesStockHeld() throws Exception {
        String sku = newSku();
        stock.setAvailable(sku, 100);
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestOrder order = new TestOrder(line(sku, 2));
            calls.add(() -> retried(() -> stock.reserve(order.reserve())));
            calls.add(() -> stock.release(order.orderId));
        }

        Concurrently.run(8, calls);

        assertStock(sku, 100, 0, 0);
    }

    @Test
    void invalidOrdersAreRejectedWithoutTouchingStock() {
        String sku = newSku();
        stock.setAvailable(sku, 10);

        ReservationResult zero = stock.reserve(new TestOrder(line(sku, 0)).reserve());
        ReservationResult none = stock.reserve(new ReserveStock(UUID.randomUUID().toString(), List.of()));

        assertThat(zero.rejection()).contains(RejectionReason.INVALID_ORDER);
        assertThat(none.rejection()).contains(RejectionReason.INVALID_ORDER);
        assertStock(sku, 10, 0, 0);
    }

    @Test
    void settingAvailableKeepsReservedAndSold() {
        String sku = newSku();
        assertThatThrownBy(() -> stock.find(sku)).isInstanceOf(UnknownSkuException.class);

        stock.setAvailable(sku, 10);
        TestOrder order = new TestOrder(line(sku, 4));
        stock.reserve(order.reserve());
        StockItem item = stock.setAvailable(sku, 20);

        assertThat(List.of(item.available(), item.reserved(), item.sold())).containsExactly(20, 4, 0);
        assertThatThrownBy(() -> stock.setAvailable(sku, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedPutsInOnlySkusThatDoNotExist() {
        String existing = newSku();
        String fresh = newSku();
        stock.setAvailable(existing, 3);

        List<String> inserted = stock.seed(Map.of(existing, 500, fresh, 500));

        assertThat(inserted).containsExactly(fresh);
        assertStock(existing, 3, 0, 0);
        assertStock(fresh, 500, 0, 0);
        // The default seed of application.yml was put in at start-up.
        assertThat(stock.find("SKU-1").available() + stock.find("SKU-1").reserved() + stock.find("SKU-1").sold())
                .isEqualTo(1000);
    }

    private void assertStock(String sku, int available, int reserved, int sold) {
        StockItem item = stock.find(sku);
        assertThat(List.of(item.available(), item.reserved(), item.sold()))
                .as("available, reserved, sold of " + sku).containsExactly(available, reserved, sold);
    }

    /**
     * What the listener's error handler does: a reservation that lost the race for the order id to a concurrent
     * cancellation fails on the primary key, and its retry sees the cancellation.
     */
    private static <T> T retried(Callable<T> call) throws Exception {
        return Concurrently.retried(DataIntegrityViolationException.class, 3, call);
    }
}
