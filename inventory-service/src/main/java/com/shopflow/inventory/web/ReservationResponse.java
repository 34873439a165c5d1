package com.shopflow.inventory.web;

import java.time.Instant;
import java.util.List;

import com.shopflow.inventory.RejectionReason;
import com.shopflow.inventory.Reservation;
import com.shopflow.inventory.StockLine;

/** The stock decision of one order as the REST API shows it. */
public record ReservationResponse(String orderId, String status, String rejectionReason, String detail,
                                  List<StockLine> lines, Instant createdAt, Instant updatedAt) {

    static ReservationResponse of(Reservation reservation) {
        return new ReservationResponse(reservation.orderId(), reservation.status().name(),
                reservation.rejectionReason().map(RejectionReason::name).orElse(null), reservation.detail(),
                reservation.lines(), reservation.createdAt(), reservation.updatedAt());
    }
}
