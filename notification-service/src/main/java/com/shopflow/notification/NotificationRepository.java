package com.shopflow.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stored notifications. */
public interface NotificationRepository extends JpaRepository<Notification, UUID> {

    List<Notification> findByOrderIdOrderByCreatedAt(UUID orderId);

    // The listings: one method per combination of filters rather than "(:x is null or ...)", which PostgreSQL cannot
    // type for a null parameter and which keeps it from using the indexes. Order and page come with the Pageable.

    List<Notification> findAllBy(Pageable page);

    List<Notification> findByOrderId(UUID orderId, Pageable page);

    List<Notification> findByCustomerId(String customerId, Pageable page);

    List<Notification> findByOrderIdAndCustomerId(UUID orderId, String customerId, Pageable page);

    /** Whether this event, or another event about the same order asking for the same kind of mail, was recorded. */
    boolean existsByEventIdOrOrderIdAndKind(String eventId, UUID orderId, NotificationKind kind);

    /** Locks due pending rows, skipping rows another sender holds, so concurrent senders never pick the same mail. */
    @Query(value = """
            select * from notification
            where status = 'PENDING' and next_attempt_at <= :now
            order by next_attempt_at
            limit :limit
            for update skip locked""", nativeQuery = true)
    List<Notification> lockDue(@Param("now") Instant now, @Param("limit") int limit);

    /** Locks one row, so two senders finishing the same mail (after a lease ran out) record it only once. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select n from Notification n where n.id = :id")
    Optional<Notification> lockById(@Param("id") UUID id);

    /** Locks the rows of one delivery round at once, in id order (two senders lock in the same order). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select n from Notification n where n.id in :ids order by n.id")
    List<Notification> lockAllById(@Param("ids") List<UUID> ids);

    /** Earliest time a pending notification becomes due, or null when none is pending. */
    @Query("select min(n.nextAttemptAt) from Notification n where n.status = com.shopflow.notification.NotificationStatus.PENDING")
    Instant nextDueAt();

    @Query("select count(n) from Notification n where n.status = com.shopflow.notification.NotificationStatus.PENDING")
    long countPending();

    @Query("select min(n.createdAt) from Notification n where n.status = com.shopflow.notification.NotificationStatus.PENDING")
    Instant oldestPendingCreatedAt();
}
