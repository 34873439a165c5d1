package com.shopflow.inventory;

import static com.shopflow.inventory.TestOrder.line;
import static com.shopflow.inventory.TestOrder.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import javax.sql.DataSource;

import com.shopflow.testkit.RowLocks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** How a sale or a release locks its reservation: one statement that takes the row lock and brings the lines along. */
@InventoryServiceTest
class ReservationLockingTests {

    private final Stock stock;
    private final ReservationRepository reservations;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;

    ReservationLockingTests(@Autowired Stock stock, @Autowired ReservationRepository reservations,
                            @Autowired TransactionTemplate transactions, @Autowired DataSource dataSource) {
        this.stock = stock;
        this.reservations = reservations;
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    @Test
    void aSecondChangeWaitsForTheFirstOnTheStatementThatFetchesTheLines() throws Exception {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        String orderId = stock.reserve(new TestOrder(line(sku, 2)).reserve()).reservation().orderId();

        RowLocks.Contention<Integer> contention = RowLocks.contend(dataSource,
                call -> transactions.execute(status -> call.get()),
                () -> reservations.lockForChange(orderId).orElseThrow().lines().size());

        // The waiting statement is the one that also reads the lines: no unlocked read before a separate lock query.
        assertThat(contention.waitingStatement()).contains("reservation_line")
                .containsIgnoringCase("for no key update");
        assertThat(contention.first()).isEqualTo(1);
        assertThat(contention.second()).isEqualTo(1);
    }

    @Test
    void aReservationWithoutLinesIsStillFoundAndLocked() {
        String orderId = UUID.randomUUID().toString();
        stock.release(orderId); // never seen: remembered as cancelled, a reservation without lines

        Reservation found = transactions.execute(status -> reservations.lockForChange(orderId).orElseThrow());

        assertThat(found.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(found.lines()).isEmpty();
    }
}
