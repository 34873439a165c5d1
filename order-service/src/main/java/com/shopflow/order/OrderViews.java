package com.shopflow.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The query side (CQRS): order list and timelines projected from the events on {@code orders}, {@code payments} and
 * {@code inventory}. Projections are order-insensitive (events of different topics arrive in any order, and again
 * on a replay) so a rebuilt model equals the live one.
 */
@Service
public class OrderViews {

    private final JdbcClient jdbc;
    private final ReadModelFeed feed;

    public OrderViews(JdbcClient jdbc, ReadModelFeed feed) {
        this.jdbc = jdbc;
        this.feed = feed;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void placed(OrderId id, String customerId, String currency, long totalMinor, List<OrderLine> lines,
                       Instant placedAt, TimelineEntry entry) {
        // One statement for the row and its lines. An order's lines never change, so a redelivered placement finds
        // them there already.
        jdbc.sql("""
                with view as (
                    insert into order_view (order_id, customer_id, status, total_minor, currency, placed_at)
                    values (:id, :customerId, 'PENDING', :total, :currency, :placedAt)
                    on conflict (order_id) do update
                       set customer_id = excluded.customer_id, total_minor = excluded.total_minor,
                           currency = excluded.currency, placed_at = excluded.placed_at,
                           status = coalesce(order_view.status, 'PENDING'))
                insert into order_view_line (order_id, line_no, sku, quantity, unit_price_minor)
                select :id, line.no - 1, line.sku, line.quantity, line.price
                  from unnest(:skus::varchar[], :quantities::integer[], :prices::bigint[])
                       with ordinality as line(sku, quantity, price, no)
                on conflict (order_id, line_no) do nothing""")
                .param("id", id.value()).param("customerId", customerId).param("total", totalMinor)
                .param("currency", currency).param("placedAt", Timestamp.from(placedAt))
                .param("skus", lines.stream().map(OrderLine::sku).toArray(String[]::new))
                .param("quantities", lines.stream().map(OrderLine::quantity).toArray(Integer[]::new))
                .param("prices", lines.stream().map(OrderLine::unitPriceMinor).toArray(Long[]::new))
                .update();
        record(id, entry);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void decided(OrderId id, OrderStatus status, CancellationReason reason, String detail, TimelineEntry entry) {
        jdbc.sql("""
                insert into order_view (order_id, status, reason, detail)
                values (:id, :status, :reason, :detail)
                on conflict (order_id) do update
                   set status = excluded.status, reason = excluded.reason, detail = excluded.detail""")
                .param("id", id.value()).param("status", status.name())
                .param("reason", reason == null ? null : reason.name()).param("detail", detail)
                .update();
        record(id, entry);
    }

    /**
     * Records an event that does not change the order's view, e.g. a payment or stock result. The entry is written
     * when the transaction commits, together with every other entry of that transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(OrderId id, TimelineEntry entry) {
        // The synchronizations are the current transaction's own (a suspended one's are set aside), so an inner
        // transaction never writes into, or waits for, an outer one's batch.
        PendingTimeline pending = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(PendingTimeline.class::isInstance).map(PendingTimeline.class::cast)
                .findFirst()
                .orElseGet(() -> {
                    PendingTimeline created = new PendingTimeline();
                    TransactionSynchronizationManager.registerSynchronization(created);
                    return created;
                });
        pending.add(id, entry);
    }

    // Every event adds a timeline row, four per order: a batch of events writes them in one statement just before
    // its transaction commits (a failure then rolls the whole transaction back, as any statement's would).
    private final class PendingTimeline implements TransactionSynchronization {

        private record Row(OrderId orderId, TimelineEntry entry) {
        }

        private final List<Row> rows = new ArrayList<>();

        void add(OrderId id, TimelineEntry entry) {
            rows.add(new Row(id, entry));
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            // A redelivered event, or one twice in a batch, is the same row: nothing to do for the second.
            jdbc.sql("""
                    insert into order_timeline (event_id, order_id, type, at, source, detail)
                    select * from unnest(:eventIds::varchar[], :orderIds::uuid[], :types::varchar[],
                                         :ats::timestamptz[], :sources::varchar[], :details::text[])
                    on conflict (event_id) do nothing""")
                    .param("eventIds", column(row -> row.entry().eventId()))
                    .param("orderIds", column(row -> row.orderId().toString()))
                    .param("types", column(row -> row.entry().type()))
                    .param("ats", column(row -> row.entry().at().toString()))
                    .param("sources", column(row -> row.entry().source()))
                    .param("details", column(row -> row.entry().detail()))
                    .update();
        }

        private String[] column(Function<Row, String> value) {
            return rows.stream().map(value).toArray(String[]::new);
        }
    }

    /**
     * The order's view, if an {@code orders} event about it has been projected yet. Its row, lines and timeline come
     * from one snapshot: read committed gives each statement its own, so a projection committing in between showed a
     * timeline with the decision beside a row still PENDING.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<OrderView> find(OrderId id) {
        Optional<Row> row = jdbc.sql("""
                select order_id, customer_id, status, reason, detail, total_minor, currency, placed_at
                  from order_view where order_id = :id and customer_id is not null""")
                .param("id", id.value())
                .query(OrderViews::row)
                .optional();
        return row.map(r -> new OrderView(id, r.customerId(), r.status(), r.reason(), r.detail(), r.totalMinor(),
                r.currency(), lines(id), timeline(id)));
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(OrderId id) {
        return jdbc.sql("""
                select event_id, type, at, source, detail from order_timeline
                 where order_id = :id order by at, type, event_id""")
                .param("id", id.value())
                .query((rs, n) -> new TimelineEntry(rs.getString("event_id"), rs.getString("type"),
                        rs.getTimestamp("at").toInstant(), rs.getString("source"), rs.getString("detail")))
                .list();
    }

    // One snapshot for the count and the page.
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public OrderSummaryPage list(Optional<OrderStatus> status, Optional<String> customerId, int page, int size) {
        String where = " where customer_id is not null"
                + (status.isPresent() ? " and status = :status" : "")
                + (customerId.isPresent() ? " and customer_id = :customerId" : "");
        JdbcClient.StatementSpec count = jdbc.sql("select count(*) from order_view" + where);
        JdbcClient.StatementSpec select = jdbc.sql("""
                select order_id, customer_id, status, reason, detail, total_minor, currency, placed_at
                  from order_view""" + where + " order by placed_at desc, order_id limit :limit offset :offset");
        if (status.isPresent()) {
            count = count.param("status", status.get().name());
            select = select.param("status", status.get().name());
        }
        if (customerId.isPresent()) {
            count = count.param("customerId", customerId.get());
            select = select.param("customerId", customerId.get());
        }
        long total = count.query(Long.class).single();
        List<OrderSummary> items = select.param("limit", size).param("offset", (long) page * size)
                .query(OrderViews::row).list().stream()
                .map(r -> new OrderSummary(r.orderId(), r.customerId(), r.status(), r.reason(), r.totalMinor(),
                        r.currency(), r.placedAt()))
                .toList();
        return new OrderSummaryPage(items, page, size, total);
    }

    /** Throws the read model away and rebuilds it by replaying the source topics from their beginning. */
    public void rebuild() {
        feed.replayFromStart(() -> jdbc.sql("truncate order_view, order_view_line, order_timeline").update());
    }

    private List<OrderLine> lines(OrderId id) {
        List<OrderLine> lines = new ArrayList<>();
        jdbc.sql("select sku, quantity, unit_price_minor from order_view_line where order_id = :id order by line_no")
                .param("id", id.value())
                .query(rs -> {
                    lines.add(new OrderLine(rs.getString("sku"), rs.getInt("quantity"), rs.getLong("unit_price_minor")));
                });
        return lines;
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        String reason = rs.getString("reason");
        Timestamp placedAt = rs.getTimestamp("placed_at");
        return new Row(new OrderId(rs.getObject("order_id", java.util.UUID.class)), rs.getString("customer_id"),
                OrderStatus.valueOf(rs.getString("status")),
                reason == null ? null : CancellationReason.valueOf(reason),
                rs.getString("detail"), rs.getLong("total_minor"), rs.getString("currency"),
                placedAt == null ? null : placedAt.toInstant());
    }

    private record Row(OrderId orderId, String customerId, OrderStatus status, CancellationReason reason, String detail,
                       long totalMinor, String currency, Instant placedAt) {
    }
}
