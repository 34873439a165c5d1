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
     * Its lines come in the same query (the lock covers the order row only); loaded eagerly apart they cost a second
     * query on every result.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Order o left join fetch o.lines where o.id = :id")
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
