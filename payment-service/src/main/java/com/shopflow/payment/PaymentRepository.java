package com.shopflow.payment;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Payments in the {@code payments} database, one per order. */
interface PaymentRepository extends JpaRepository<Payment, UUID> {

    Optional<Payment> findByOrderId(String orderId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Payment p where p.orderId = :orderId")
    Optional<Payment> findByOrderIdForUpdate(@Param("orderId") String orderId);

    /**
     * Records that the order was cancelled before any payment decision. Returns 0 when a decision exists (also one
     * committed by a concurrent transaction while this insert waited on the unique order id).
     */
    @Modifying
    @Query(value = """
            insert into payment (id, order_id, customer_id, amount_minor, currency, status, detail, created_at, updated_at)
            values (:id, :orderId, :customerId, :amountMinor, :currency, 'CANCELLED',
                    'order cancelled before its payment was handled', :now, :now)
            on conflict (order_id) do nothing""", nativeQuery = true)
    int insertCancellationIfAbsent(@Param("id") UUID id, @Param("orderId") String orderId,
                                   @Param("customerId") String customerId, @Param("amountMinor") long amountMinor,
                                   @Param("currency") String currency, @Param("now") Instant now);
}
