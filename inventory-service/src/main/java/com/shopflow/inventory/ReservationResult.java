package com.shopflow.inventory;

import java.util.List;
import java.util.Optional;

/** What {@link Stock#reserve} decided: the order's reservation, and for a fresh rejection, why and what was short. */
public record ReservationResult(Reservation reservation, Optional<RejectionReason> rejection,
                                List<Shortage> shortages) {

    public boolean reserved() {
        return reservation.status() == ReservationStatus.RESERVED;
    }
}
