package com.shopflow.inventory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stock items in the {@code inventory} database. */
interface StockItemRepository extends JpaRepository<StockItem, String> {

    /**
     * Reads the items and holds their row locks until the transaction ends. PostgreSQL locks the rows in the order
     * of the {@code order by}, so every transaction locks SKUs in the same order and two orders sharing SKUs cannot
     * deadlock.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from StockItem s where s.sku in :skus order by s.sku")
    List<StockItem> findAllForUpdate(@Param("skus") Collection<String> skus);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from StockItem s where s.sku = :sku")
    Optional<StockItem> findForUpdate(@Param("sku") String sku);

    /** Puts in a new SKU unless it exists; an existing SKU is left exactly as it is. Returns 1 if inserted. */
    @Modifying
    @Query(value = """
            insert into stock_item (sku, available, reserved, sold, created_at, updated_at)
            values (:sku, :available, 0, 0, :now, :now)
            on conflict (sku) do nothing""", nativeQuery = true)
    int insertIfAbsent(@Param("sku") String sku, @Param("available") int available, @Param("now") Instant now);

    List<StockItem> findAllByOrderBySku(Limit limit);
}
