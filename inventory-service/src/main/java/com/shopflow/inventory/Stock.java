package com.shopflow.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use case for stock: reserve every line of an order or none, release a reservation when the order is cancelled,
 * sell it when the order is confirmed, and set stock levels.
 *
 * <p>A decision locks the order's SKU rows (sorted by SKU, so transactions never wait on each other in a cycle) and
 * checks availability under those locks, so concurrent orders on one SKU are decided one after the other and stock
 * never goes negative. The reservation's primary key, the order id, makes each order decided at most once.
 */
@Service
public class Stock {

    private static final Logger log = LoggerFactory.getLogger(Stock.class);

    private final StockItemRepository items;
    private final ReservationRepository reservations;
    private final StockEvents events;
    private final StockMetrics metrics;
    private final Clock clock;

    Stock(StockItemRepository items, ReservationRepository reservations, StockEvents events, StockMetrics metrics,
          Clock clock) {
        this.items = items;
        this.reservations = reservations;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Reserves every line of the order or none, and publishes the decision. An order decided before is left as it is
     * and nothing is published again; an order whose cancellation came first is rejected.
     */
    @Transactional
    public ReservationResult reserve(ReserveStock command) {
        Instant now = clock.instant();
        String orderId = command.orderId();
        Optional<List<StockLine>> merged = merge(command.lines());
        List<StockLine> lines = merged.orElse(List.of());
        Optional<Reservation> decided = reservations.findForUpdate(orderId);
        if (decided.isPresent()) {
            Reservation reservation = decided.get();
            if (reservation.status() != ReservationStatus.CANCELLED) {
                log.info("Order {} already has a {} reservation; nothing to do", orderId, reservation.status());
                return new ReservationResult(reservation, Optional.empty(), List.of());
            }
            // Cancelled before placed (e.g. OrderPlaced replayed from a dead letter topic after the saga timed out):
            // holding stock now would hold it for good, because the cancellation was already handled.
            reservation.rejectLate(lines, now);
            return rejected(reservation, RejectionReason.ORDER_ALREADY_CANCELLED, List.of());
        }
        if (merged.isEmpty()) {
            return rejected(reservations.save(Reservation.rejected(orderId, List.of(), RejectionReason.INVALID_ORDER,
                    "an order needs at least one line and every quantity must be 1 or more", now)),
                    RejectionReason.INVALID_ORDER, List.of());
        }
        Map<String, StockItem> locked = items.findAllForUpdate(lines.stream().map(StockLine::sku).toList()).stream()
                .collect(Collectors.toMap(StockItem::sku, Function.identity()));
        List<Shortage> shortages = new ArrayList<>();
        for (StockLine line : lines) {
            StockItem item = locked.get(line.sku());
            if (item == null) {
                shortages.add(new Shortage(line.sku(), line.quantity(), 0, true));
            } else if (item.available() < line.quantity()) {
                shortages.add(new Shortage(line.sku(), line.quantity(), item.available(), false));
            }
        }
        if (!shortages.isEmpty()) {
            RejectionReason reason = shortages.stream().anyMatch(Shortage::unknownSku)
                    ? RejectionReason.UNKNOWN_SKU : RejectionReason.OUT_OF_STOCK;
            String detail = shortages.stream()
                    .map(s -> s.unknownSku() ? "%s is unknown".formatted(s.sku())
                            : "%s: %d requested, %d available".formatted(s.sku(), s.requested(), s.available()))
                    .collect(Collectors.joining("; "));
            return rejected(reservations.save(Reservation.rejected(orderId, lines, reason, detail, now)), reason,
                    shortages);
        }
        lines.forEach(line -> locked.get(line.sku()).reserve(line.quantity(), now));
        Reservation reservation = reservations.save(Reservation.reserved(orderId, lines, now));
        events.reserved(reservation);
        metrics.reserved();
        return new ReservationResult(reservation, Optional.empty(), List.of());
    }

    /**
     * Gives a standing reservation back to available stock once, and publishes it. A rejected, released or sold
     * order is left alone; an order never seen is remembered as cancelled, so its OrderPlaced, should it come late,
     * reserves nothing.
     */
    @Transactional
    public Reservation release(String orderId) {
        Instant now = clock.instant();
        Reservation reservation = reservations.lockForChange(orderId).orElse(null);
        if (reservation == null) {
            // Inserts nothing when a concurrent reservation of this order committed first; then release that one.
            reservations.insertCancellationIfAbsent(orderId, now);
            reservation = reservations.findForUpdate(orderId).orElseThrow();
        }
        if (reservation.status() != ReservationStatus.RESERVED) {
            log.info("Order {} cancelled; its stock is {}, nothing to release", orderId, reservation.status());
            return reservation;
        }
        Map<String, StockItem> locked = lockItemsOf(reservation);
        reservation.lines().forEach(line -> locked.get(line.sku()).release(line.quantity(), now));
        reservation.release(now);
        events.released(reservation);
        metrics.released();
        return reservation;
    }

    /** Turns a standing reservation into a sale once: reserved units become sold units. */
    @Transactional
    public Optional<Reservation> sell(String orderId) {
        Instant now = clock.instant();
        Optional<Reservation> found = reservations.lockForChange(orderId);
        if (found.isEmpty() || found.get().status() != ReservationStatus.RESERVED) {
            log.info("Order {} confirmed; its stock is {}, nothing to sell", orderId,
                    found.map(r -> r.status().name()).orElse("unknown"));
            return found;
        }
        Reservation reservation = found.get();
        Map<String, StockItem> locked = lockItemsOf(reservation);
        reservation.lines().forEach(line -> locked.get(line.sku()).sell(line.quantity(), now));
        reservation.sell(now);
        metrics.sold();
        return found;
    }

    /** @throws UnknownSkuException if the SKU does not exist */
    @Transactional(readOnly = true)
    public StockItem find(String sku) {
        return items.findById(sku).orElseThrow(() -> new UnknownSkuException(sku));
    }

    /** Sets the available units of a SKU, creating it if new; reserved and sold units stay as they are. */
    @Transactional
    public StockItem setAvailable(String sku, int available) {
        if (available < 0) {
            throw new IllegalArgumentException("available must not be negative");
        }
        Instant now = clock.instant();
        Optional<StockItem> existing = items.findForUpdate(sku);
        if (existing.isEmpty() && items.insertIfAbsent(sku, available, now) == 1) {
            return items.findForUpdate(sku).orElseThrow();
        }
        StockItem item = existing.or(() -> items.findForUpdate(sku)).orElseThrow();
        item.setAvailable(available, now);
        return item;
    }

    /** Puts in the SKUs that do not exist yet; existing ones keep their stock. Returns the SKUs inserted. */
    @Transactional
    public List<String> seed(Map<String, Integer> stock) {
        Instant now = clock.instant();
        return new TreeMap<>(stock).entrySet().stream()
                .filter(entry -> items.insertIfAbsent(entry.getKey(), entry.getValue(), now) == 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<Reservation> findReservation(String orderId) {
        return reservations.findById(orderId);
    }

    /** The first {@code limit} stock items by SKU. */
    @Transactional(readOnly = true)
    public List<StockItem> firstItems(int limit) {
        return items.findAllByOrderBySku(Limit.of(limit));
    }

    private ReservationResult rejected(Reservation reservation, RejectionReason reason, List<Shortage> shortages) {
        events.rejected(reservation.orderId(), reason, shortages);
        metrics.rejected();
        return new ReservationResult(reservation, Optional.of(reason), shortages);
    }

    private Map<String, StockItem> lockItemsOf(Reservation reservation) {
        List<String> skus = reservation.lines().stream().map(StockLine::sku).toList();
        Map<String, StockItem> locked = items.findAllForUpdate(skus).stream()
                .collect(Collectors.toMap(StockItem::sku, Function.identity()));
        if (locked.size() != skus.size()) {
            throw new IllegalStateException("reservation of order %s holds SKUs that no longer exist"
                    .formatted(reservation.orderId()));
        }
        return locked;
    }

    /** One line per SKU (quantities added up), sorted by SKU; empty if the order has no lines or a quantity below 1. */
    private static Optional<List<StockLine>> merge(List<StockLine> lines) {
        if (lines.isEmpty() || lines.stream().anyMatch(line -> line.quantity() < 1)) {
            return Optional.empty();
        }
        Map<String, Long> bySku = lines.stream()
                .collect(Collectors.groupingBy(StockLine::sku, TreeMap::new,
                        Collectors.summingLong(StockLine::quantity)));
        if (bySku.values().stream().anyMatch(quantity -> quantity > Integer.MAX_VALUE)) {
            return Optional.empty();
        }
        return Optional.of(bySku.entrySet().stream()
                .map(entry -> new StockLine(entry.getKey(), entry.getValue().intValue()))
                .toList());
    }
}
