package com.shopflow.order;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Write-side storage of orders. */
public interface OrderRepository extends JpaRepository<Order, UUID> {

    /**
     * Loads an order with {@code SELECT ... FOR UPDATE}, so two results for one order are handled one after the other.
     * Its lines come in the same query, an inner join (every order has lines): Hibernate 7 refuses to lock in a
     * query with an outer join and falls back to reading first and locking the row with a second query.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Order o join fetch o.lines where o.id = :id")
    Optional<Order> lockById(@Param("id") UUID id);

    /**
     * Locks the oldest order that is pending since before the cutoff, skipping rows another instance (or a result
     * handler) holds, so several reapers never wait on or decide the same order.
     */
    @Query(value = """
            select * from orders
             where status = 'PENDING' and placed_at < :cutoff
             order by placed_at
             limit 1
               for update skip locked""", nativeQuery = true)
    Optional<Order> lockNextExpired(@Param("cutoff") Instant cutoff);

    long countByStatus(OrderStatus status);
}
