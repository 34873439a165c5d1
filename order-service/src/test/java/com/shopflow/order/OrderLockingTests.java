package com.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.shopflow.testkit.RowLocks;
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

        RowLocks.Contention<Integer> contention = RowLocks.contend(context.getBean(DataSource.class),
                call -> transactions.execute(status -> call.get()),
                () -> orders.lockById(id.value()).orElseThrow().lines().size());

        // The waiting statement is the one that also reads the lines: no unlocked read before a separate lock query.
        assertThat(contention.waitingStatement()).contains("order_lines").containsIgnoringCase("for no key update");
        assertThat(contention.first()).isEqualTo(1);
        assertThat(contention.second()).isEqualTo(1);
    }
}
