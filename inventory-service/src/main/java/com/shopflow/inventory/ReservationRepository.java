package com.shopflow.inventory;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Reservations in the {@code inventory} database, one per order. */
interface ReservationRepository extends JpaRepository<Reservation, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Reservation r where r.orderId = :orderId")
    Optional<Reservation> findForUpdate(@Param("orderId") String orderId);

    /**
     * A reservation that holds lines (a standing one always does), locked and with its lines in one query. The join
     * is inner on purpose: Hibernate 7 does not lock in a query with an outer join, it reads first and locks with a
     * second query, and {@link #findForUpdate} loads the eager lines with a second query too.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Reservation r join fetch r.lines where r.orderId = :orderId")
    Optional<Reservation> lockWithLines(@Param("orderId") String orderId);

    /** {@link #lockWithLines}, else (a reservation without lines, or none) {@link #findForUpdate}. */
    default Optional<Reservation> lockForChange(String orderId) {
        return lockWithLines(orderId).or(() -> findForUpdate(orderId));
    }

    /**
     * Records that the order was cancelled before any stock decision. Returns 0 when a decision exists (also one
     * committed by a concurrent transaction while this insert waited on the order id).
     */
    @Modifying
    @Query(value = """
            insert into reservation (order_id, status, detail, created_at, updated_at)
            values (:orderId, 'CANCELLED', 'order cancelled before its stock was handled', :now, :now)
            on conflict (order_id) do nothing""", nativeQuery = true)
    int insertCancellationIfAbsent(@Param("orderId") String orderId, @Param("now") Instant now);
}
