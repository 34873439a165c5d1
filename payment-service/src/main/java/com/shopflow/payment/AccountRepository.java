package com.shopflow.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Accounts in the {@code payments} database. */
interface AccountRepository extends JpaRepository<Account, String> {

    /** Reads the account and holds its row lock until the transaction ends, so credit checks and updates serialise. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.customerId = :customerId")
    Optional<Account> findForUpdate(@Param("customerId") String customerId);

    /** Opens an account unless one exists; two first orders of a new customer racing here both end up with one row. */
    @Modifying
    @Query(value = """
            insert into account (customer_id, currency, credit_limit, available, created_at, updated_at)
            values (:customerId, :currency, :limit, :limit, :now, :now)
            on conflict (customer_id) do nothing""", nativeQuery = true)
    int openIfAbsent(@Param("customerId") String customerId, @Param("currency") String currency,
                     @Param("limit") long limit, @Param("now") Instant now);

    @Query(value = "select coalesce(sum(credit_limit - available), 0)::bigint from account", nativeQuery = true)
    long totalCreditUsedMinor();

    /** Credit used over all accounts and the sum of standing authorizations, read in one statement (one snapshot). */
    @Query(value = """
            select (select coalesce(sum(credit_limit - available), 0) from account)::bigint,
                   (select coalesce(sum(amount_minor), 0) from payment where status = 'AUTHORIZED')::bigint""",
            nativeQuery = true)
    List<Object[]> creditTotals();
}
