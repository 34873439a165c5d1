package com.shopflow.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/** The stock decision for one order (at most one per order) and the lines it holds. */
@Entity
@Table(name = "reservation")
public class Reservation implements Persistable<String> {

    @Id
    private String orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReservationStatus status;

    @Enumerated(EnumType.STRING)
    private RejectionReason rejectionReason;

    @Column(nullable = false)
    private String detail;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "reservation_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderBy("sku")
    private List<Line> lines = new ArrayList<>();

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Transient
    private boolean isNew;

    protected Reservation() {
    }

    private Reservation(String orderId, ReservationStatus status, RejectionReason reason, String detail,
                        List<StockLine> lines, Instant now) {
        this.orderId = orderId;
        this.status = status;
        this.rejectionReason = reason;
        this.detail = detail;
        lines.forEach(line -> this.lines.add(new Line(line.sku(), line.quantity())));
        this.createdAt = now;
        this.updatedAt = now;
        this.isNew = true;
    }

    static Reservation reserved(String orderId, List<StockLine> lines, Instant now) {
        return new Reservation(orderId, ReservationStatus.RESERVED, null, "", lines, now);
    }

    static Reservation rejected(String orderId, List<StockLine> lines, RejectionReason reason, String detail,
                                Instant now) {
        return new Reservation(orderId, ReservationStatus.REJECTED, reason, detail, lines, now);
    }

    void release(Instant now) {
        requireStatus(ReservationStatus.RESERVED);
        status = ReservationStatus.RELEASED;
        updatedAt = now;
    }

    void sell(Instant now) {
        requireStatus(ReservationStatus.RESERVED);
        status = ReservationStatus.SOLD;
        updatedAt = now;
    }

    /** Turns a cancellation tombstone into a rejection when the order's OrderPlaced finally arrives. */
    void rejectLate(List<StockLine> lines, Instant now) {
        requireStatus(ReservationStatus.CANCELLED);
        lines.forEach(line -> this.lines.add(new Line(line.sku(), line.quantity())));
        status = ReservationStatus.REJECTED;
        rejectionReason = RejectionReason.ORDER_ALREADY_CANCELLED;
        detail = "order %s was cancelled before its stock was handled".formatted(orderId);
        updatedAt = now;
    }

    private void requireStatus(ReservationStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("reservation of order %s is %s, expected %s"
                    .formatted(orderId, status, expected));
        }
    }

    @Override
    public String getId() {
        return orderId;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markNotNew() {
        isNew = false;
    }

    public String orderId() {
        return orderId;
    }

    public ReservationStatus status() {
        return status;
    }

    public Optional<RejectionReason> rejectionReason() {
        return Optional.ofNullable(rejectionReason);
    }

    public String detail() {
        return detail;
    }

    /** The order's lines (one per SKU, sorted by SKU): held while RESERVED. */
    public List<StockLine> lines() {
        return lines.stream().map(line -> new StockLine(line.sku, line.quantity)).toList();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** One reserved line as stored. */
    @Embeddable
    static class Line {

        @Column(nullable = false)
        private String sku;

        @Column(nullable = false)
        private int quantity;

        protected Line() {
        }

        Line(String sku, int quantity) {
            this.sku = sku;
            this.quantity = quantity;
        }
    }
}
