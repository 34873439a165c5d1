package com.shopflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import com.shopflow.testkit.Concurrently;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** The use cases called directly, many threads at once, against the real database. */
@PaymentServiceTest
class PaymentsTests {

    private final Payments payments;
    private final Accounts accounts;

    PaymentsTests(@Autowired Payments payments, @Autowired Accounts accounts) {
        this.payments = payments;
        this.accounts = accounts;
    }

    @Test
    void concurrentAuthorizationsFromManyThreadsNeverOverdraw() throws Exception {
        String customer = TestOrder.newCustomer();
        accounts.changeCreditLimit(customer, eur(100_00));
        List<Callable<Payment>> calls = IntStream.range(0, 60)
                .mapToObj(i -> (Callable<Payment>) () -> payments.authorize(
                        new AuthorizePayment(UUID.randomUUID().toString(), customer, eur(3_00))))
                .toList();

        List<Payment> decided = Concurrently.run(16, calls);

        // 33 x 3.00 = 99.00 fits into 100.00, a 34th would not.
        assertThat(decided).filteredOn(p -> p.status() == PaymentStatus.AUTHORIZED).hasSize(33);
        assertThat(decided).filteredOn(p -> p.status() == PaymentStatus.DECLINED).hasSize(27)
                .allSatisfy(p -> assertThat(p.declineReason()).contains(DeclineReason.INSUFFICIENT_CREDIT));
        assertThat(accounts.find(customer).available()).isEqualTo(eur(1_00));
        assertCreditUsedEqualsStandingAuthorizations();
    }

    @Test
    void firstOrdersOfANewCustomerRacingEachOtherOpenOneAccount() throws Exception {
        String customer = TestOrder.newCustomer();
        List<Callable<Payment>> calls = IntStream.range(0, 8)
                .mapToObj(i -> (Callable<Payment>) () -> payments.authorize(
                        new AuthorizePayment(UUID.randomUUID().toString(), customer, eur(10_00))))
                .toList();

        List<Payment> decided = Concurrently.run(8, calls);

        assertThat(decided).allSatisfy(p -> assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED));
        assertThat(accounts.find(customer).creditLimit()).isEqualTo(eur(1000_00));
        assertThat(accounts.find(customer).available()).isEqualTo(eur(920_00));
    }

    @Test
    void secondOrderPlacedOfAnOrderTakesNothingMore() {
        String customer = TestOrder.newCustomer();
        String orderId = UUID.randomUUID().toString();

        Payment first = payments.authorize(new AuthorizePayment(orderId, customer, eur(30_00)));
        Payment second = payments.authorize(new AuthorizePayment(orderId, customer, eur(30_00)));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(accounts.find(customer).available()).isEqualTo(eur(970_00));
    }

    @Test
    void refundGivesCreditBackOnce() {
        String customer = TestOrder.newCustomer();
        String orderId = UUID.randomUUID().toString();
        payments.authorize(new AuthorizePayment(orderId, customer, eur(30_00)));

        Payment refunded = payments.refund(new RefundPayment(orderId, customer, eur(30_00)));
        Payment again = payments.refund(new RefundPayment(orderId, customer, eur(30_00)));

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(again.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(accounts.find(customer).available()).isEqualTo(eur(1000_00));
    }

    @Test
    void cancellationOfADeclinedOrderGivesNothingBack() {
        String customer = TestOrder.newCustomer();
        accounts.changeCreditLimit(customer, eur(10_00));
        String orderId = UUID.randomUUID().toString();
        payments.authorize(new AuthorizePayment(orderId, customer, eur(30_00)));

        Payment afterCancel = payments.refund(new RefundPayment(orderId, customer, eur(30_00)));

        assertThat(afterCancel.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(accounts.find(customer).available()).isEqualTo(eur(10_00));
    }

    @Test
    void cancellationBeforePlacementDeclinesTheLateOrder() {
        String customer = TestOrder.newCustomer();
        String orderId = UUID.randomUUID().toString();

        Payment tombstone = payments.refund(new RefundPayment(orderId, customer, eur(30_00)));
        Payment late = payments.authorize(new AuthorizePayment(orderId, customer, eur(30_00)));
        Payment cancelledAgain = payments.refund(new RefundPayment(orderId, customer, eur(30_00)));

        assertThat(tombstone.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(late.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(late.declineReason()).contains(DeclineReason.ORDER_ALREADY_CANCELLED);
        assertThat(cancelledAgain.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(accounts.find(customer).available()).isEqualTo(accounts.find(customer).creditLimit());
    }

    @Test
    void authorizationRacingTheCancellationOfTheSameOrderNeverLeavesCreditTaken() throws Exception {
        String customer = TestOrder.newCustomer();
        List<Callable<Payment>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String orderId = UUID.randomUUID().toString();
            calls.add(() -> retried(() -> payments.authorize(new AuthorizePayment(orderId, customer, eur(5_00)))));
            calls.add(() -> payments.refund(new RefundPayment(orderId, customer, eur(5_00))));
        }

        Concurrently.run(8, calls);

        assertThat(accounts.find(customer).available()).isEqualTo(accounts.find(customer).creditLimit());
        assertCreditUsedEqualsStandingAuthorizations();
    }

    @Test
    void newLimitKeepsTheCreditInUse() {
        String customer = TestOrder.newCustomer();
        payments.authorize(new AuthorizePayment(UUID.randomUUID().toString(), customer, eur(200_00)));

        Account account = accounts.changeCreditLimit(customer, eur(500_00));

        assertThat(account.available()).isEqualTo(eur(300_00));
        assertThat(account.used()).isEqualTo(eur(200_00));
        assertThatThrownBy(() -> accounts.changeCreditLimit(customer, eur(100_00)))
                .isInstanceOf(CreditLimitBelowUsageException.class);
        assertThatThrownBy(() -> accounts.changeCreditLimit(customer, new Money(100_00, "USD")))
                .isInstanceOf(CurrencyMismatchException.class);
        assertThat(accounts.find(customer).available()).isEqualTo(eur(300_00));
    }

    private void assertCreditUsedEqualsStandingAuthorizations() {
        CreditTotals totals = accounts.creditTotals();
        assertThat(totals.usedMinor()).isEqualTo(totals.authorizedMinor());
    }

    /**
     * What the listener's error handler does: an authorization that lost the race for the order id to a concurrent
     * cancellation fails on the unique key, and its retry sees the cancellation.
     */
    private static Payment retried(Callable<Payment> call) throws Exception {
        return Concurrently.retried(DataIntegrityViolationException.class, 3, call);
    }

    private static Money eur(long minor) {
        return new Money(minor, "EUR");
    }
}
