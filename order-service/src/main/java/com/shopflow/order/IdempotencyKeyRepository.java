package com.shopflow.order;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Storage of idempotency keys. */
public interface IdempotencyKeyRepository extends JpaRepository<IdempotencyKey, String> {

    /**
     * Claims a key. Returns 1 if this transaction now owns it, 0 if it was taken. A concurrent claim of the same key
     * waits on the primary key until the first transaction ends, so concurrent POSTs with one key create one order.
     */
    @Modifying(flushAutomatically = true)
    @Query(value = """
            insert into idempotency_keys (idem_key, fingerprint, order_id, created_at)
            values (:key, :fingerprint, :orderId, :createdAt)
            on conflict (idem_key) do nothing""", nativeQuery = true)
    int claim(@Param("key") String key, @Param("fingerprint") String fingerprint,
              @Param("orderId") UUID orderId, @Param("createdAt") Instant createdAt);

    @Modifying
    @Query("delete from IdempotencyKey k where k.createdAt < :cutoff")
    int deleteCreatedBefore(@Param("cutoff") Instant cutoff);
}
