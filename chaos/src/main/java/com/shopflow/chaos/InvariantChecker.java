package com.shopflow.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every service's database and the topics and checks the saga's guarantees: every accepted order decided once
 * and ended, nothing left standing for a cancelled order, stock conserved, credit used equal to what stays authorized,
 * one mail per order and kind, every poison record dead-lettered, every consumer group caught up.
 */
public final class InvariantChecker {

    /** What one check found: broken guarantees, counts for the report, and observations that break nothing. */
    public record Result(List<Violation> violations, Map<String, Long> counts, List<String> observations) {

        public boolean clean() {
            return violations.isEmpty();
        }

        /** Number of violations per invariant. */
        public Map<String, Long> byInvariant() {
            Map<String, Long> counts = new TreeMap<>();
            violations.forEach(v -> counts.merge(v.invariant(), 1L, Long::sum));
            return counts;
        }
    }

    private static final String CONFIRMED = "com.shopflow.events.orders.OrderConfirmed";
    private static final String CANCELLED = "com.shopflow.events.orders.OrderCancelled";

    private final Databases databases;
    private final Topics topics;

    public InvariantChecker(Databases databases, Topics topics) {
        this.databases = databases;
        this.topics = topics;
    }

    /**
     * Checks again and again until every guarantee holds or time is up: orders have {@code decisionWindow} to become
     * CONFIRMED or CANCELLED (the deadline + 30 s), and everything else (compensations, mails after an SMTP
     * outage, consumer lag) {@code settleWindow} more; stops early when the same violations were found ten times in a
     * row (nothing moves). Returns the last result.
     */
    public Result awaitClean(Collection<OrderTraffic.PlacedOrder> accepted, Shop shop, List<Injector.Poison> poisons,
            Duration decisionWindow, Duration settleWindow, Consumer<String> progress) {
        long started = System.nanoTime();
        long decisionDeadline = started + decisionWindow.toNanos();
        long deadline = decisionDeadline + settleWindow.toNanos();
        Result result;
        boolean decidedInTime = false;
        List<Violation> previous = List.of();
        int unchanged = 0;
        while (true) {
            result = check(accepted, shop, poisons);
            boolean pending = result.violations().stream().anyMatch(v -> v.invariant().equals("ORDER_NOT_TERMINAL"));
            if (!pending) {
                decidedInTime = true;
            }
            // The very same violations for ten checks in a row (about 40 s): nothing is moving any more. Except mails
            // still pending: a sender killed in the middle of a delivery round leaves the mails it had claimed leased
            // (2 min), and they go out when the lease runs out; that waits on the clock, up to the settle window.
            unchanged = result.violations().equals(previous) ? unchanged + 1 : 0;
            previous = result.violations();
            boolean onlyMailsPending = result.violations().stream()
                    .allMatch(v -> v.invariant().equals("MAIL_NOT_SENT"));
            long now = System.nanoTime();
            if (result.clean() || now > deadline || (!decidedInTime && now > decisionDeadline)
                    || (unchanged >= 10 && !onlyMailsPending)) {
                break;
            }
            progress.accept(String.format("    waiting (%d s): %s", Duration.ofNanos(now - started).toSeconds(),
                    result.byInvariant()));
            pause(Duration.ofSeconds(3));
        }
        result.counts().put("settleSeconds", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        return result;
    }

    /** One pass over the databases and topics. */
    public Result check(Collection<OrderTraffic.PlacedOrder> accepted, Shop shop, List<Injector.Poison> poisons) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> observations = new ArrayList<>();

        // --- orders: every 202 exists and ended ------------------------------------------------------------------
        Map<String, String> status = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        for (Object[] row : databases.query("orders", "select id::text, status, total_minor from orders")) {
            status.put((String) row[0], (String) row[1]);
            total.put((String) row[0], ((Number) row[2]).longValue());
        }
        for (OrderTraffic.PlacedOrder order : accepted) {
            if (!status.containsKey(order.orderId())) {
                violations.add(new Violation("ACCEPTED_ORDER_MISSING", order.orderId(),
                        "answered 202 in " + order.scenario() + " but not in the orders table"));
            }
        }
        status.forEach((id, s) -> {
            if (s.equals("PENDING")) {
                violations.add(new Violation("ORDER_NOT_TERMINAL", id, "still PENDING"));
            }
        });
        counts.put("ordersInDatabase", (long) status.size());
        counts.put("confirmed", status.values().stream().filter("CONFIRMED"::equals).count());
        counts.put("cancelled", status.values().stream().filter("CANCELLED"::equals).count());
        counts.put("accepted", (long) accepted.size());

        // --- one decision per order on the orders topic ------------------------------------------------------------
        Map<String, Set<String>> decisionIds = new HashMap<>();
        Map<String, String> decisionType = new HashMap<>();
        Map<String, Set<String>> eventIdsSeen = new HashMap<>();
        long duplicateRecords = 0;
        for (String topic : Topics.EVENT_TOPICS) {
            Set<String> seen = eventIdsSeen.computeIfAbsent(topic, t -> new HashSet<>());
            for (ConsumerRecord<byte[], byte[]> record : topics.readAll(topic)) {
                String eventId = Topics.header(record, "shopflow-event-id");
                if (eventId == null) {
                    continue;
                }
                if (!seen.add(eventId)) {
                    duplicateRecords++;
                }
                String type = Topics.header(record, "shopflow-event-type");
                if (topic.equals("orders") && (CONFIRMED.equals(type) || CANCELLED.equals(type))) {
                    String key = record.key() == null ? "" : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
                    decisionIds.computeIfAbsent(key, k -> new HashSet<>()).add(eventId);
                    String previous = decisionType.put(key, type);
                    if (previous != null && !previous.equals(type)) {
                        violations.add(new Violation("CONFLICTING_DECISIONS", key, "both OrderConfirmed and OrderCancelled"));
                    }
                }
            }
        }
        counts.put("duplicateRecordsOnTopics", duplicateRecords);
        decisionIds.forEach((order, ids) -> {
            if (ids.size() > 1) {
                violations.add(new Violation("TWO_DECISIONS", order, ids.size() + " decision events: " + ids));
            }
        });
        status.forEach((id, s) -> {
            if (s.equals("PENDING")) {
                return;
            }
            String type = decisionType.get(id);
            if (type == null) {
                violations.add(new Violation("DECISION_NOT_PUBLISHED", id, s + " in the database, no decision on orders"));
            } else if (!type.endsWith(s.equals("CONFIRMED") ? "OrderConfirmed" : "OrderCancelled")) {
                violations.add(new Violation("DECISION_MISMATCH", id, s + " in the database, " + type + " on orders"));
            }
        });

        // --- the read model (order_view, order_timeline) agrees with the orders table ------------------------------
        checkReadModel(status, total, violations);

        // --- payments: at most one authorization standing, none for cancelled orders ----------------------------
        Map<String, String> payment = new HashMap<>();
        Map<String, Long> paid = new HashMap<>();
        for (Object[] row : databases.query("payments", "select order_id, status, amount_minor from payment")) {
            payment.put((String) row[0], (String) row[1]);
            paid.put((String) row[0], ((Number) row[2]).longValue());
        }
        status.forEach((id, s) -> {
            String p = payment.get(id);
            if (p == null) {
                violations.add(new Violation("NO_PAYMENT_DECISION", id, s + " order, payment-service never decided it"));
            } else if (s.equals("CONFIRMED") && !p.equals("AUTHORIZED")) {
                violations.add(new Violation("CONFIRMED_WITHOUT_AUTHORIZATION", id, "payment " + p));
            } else if (s.equals("CANCELLED") && p.equals("AUTHORIZED")) {
                violations.add(new Violation("AUTHORIZATION_STANDING_FOR_CANCELLED", id, "payment still AUTHORIZED"));
            } else if (p.equals("AUTHORIZED") && !paid.get(id).equals(total.get(id))) {
                violations.add(new Violation("AMOUNT_MISMATCH", id, "authorized " + paid.get(id) + ", order total "
                        + total.get(id)));
            }
        });

        // --- credit used = authorized - refunded, per account ------------------------------------------------------
        Map<String, Long> authorizedPerCustomer = new HashMap<>();
        for (Object[] row : databases.query("payments",
                "select customer_id, coalesce(sum(amount_minor), 0) from payment where status = 'AUTHORIZED' group by customer_id")) {
            authorizedPerCustomer.put((String) row[0], ((Number) row[1]).longValue());
        }
        for (Object[] row : databases.query("payments", "select customer_id, credit_limit, available from account")) {
            long used = ((Number) row[1]).longValue() - ((Number) row[2]).longValue();
            long authorized = authorizedPerCustomer.getOrDefault((String) row[0], 0L);
            if (used != authorized || ((Number) row[2]).longValue() < 0) {
                violations.add(new Violation("CREDIT_MISMATCH", (String) row[0], "credit used " + used
                        + " but standing authorizations " + authorized));
            }
        }

        // --- inventory: at most one reservation standing, none for cancelled orders, stock conserved --------------
        Map<String, String> reservation = new HashMap<>();
        for (Object[] row : databases.query("inventory", "select order_id, status from reservation")) {
            reservation.put((String) row[0], (String) row[1]);
        }
        status.forEach((id, s) -> {
            String r = reservation.get(id);
            if (r == null) {
                violations.add(new Violation("NO_STOCK_DECISION", id, s + " order, inventory-service never decided it"));
            } else if (s.equals("CONFIRMED") && !r.equals("SOLD")) {
                violations.add(new Violation("CONFIRMED_NOT_SOLD", id, "reservation " + r));
            } else if (s.equals("CANCELLED") && (r.equals("RESERVED") || r.equals("SOLD"))) {
                violations.add(new Violation("RESERVATION_STANDING_FOR_CANCELLED", id, "reservation " + r));
            }
        });
        Map<String, long[]> held = new HashMap<>(); // sku -> {reserved, sold} according to the reservations
        for (Object[] row : databases.query("inventory", """
                select l.sku, r.status, sum(l.quantity) from reservation_line l join reservation r using (order_id)
                 where r.status in ('RESERVED', 'SOLD') group by l.sku, r.status""")) {
            long[] units = held.computeIfAbsent((String) row[0], s -> new long[2]);
            units[row[1].equals("RESERVED") ? 0 : 1] += ((Number) row[2]).longValue();
        }
        Map<String, Integer> putIn = shop == null ? Map.of() : shop.putIn();
        for (Object[] row : databases.query("inventory", "select sku, available, reserved, sold from stock_item")) {
            String sku = (String) row[0];
            long available = ((Number) row[1]).longValue();
            long reserved = ((Number) row[2]).longValue();
            long sold = ((Number) row[3]).longValue();
            long[] expected = held.getOrDefault(sku, new long[2]);
            if (available < 0 || reserved < 0 || sold < 0) {
                violations.add(new Violation("STOCK_NEGATIVE", sku, available + "/" + reserved + "/" + sold));
            }
            if (reserved != expected[0] || sold != expected[1]) {
                violations.add(new Violation("STOCK_COUNTERS_MISMATCH", sku, "reserved " + reserved + ", sold " + sold
                        + " but reservations hold " + expected[0] + " reserved, " + expected[1] + " sold"));
            }
            Integer in = putIn.get(sku);
            if (in != null && available + reserved + sold != in) {
                violations.add(new Violation("STOCK_NOT_CONSERVED", sku, "available " + available + " + reserved "
                        + reserved + " + sold " + sold + " != " + in + " put in"));
            }
        }

        // --- exactly one SENT mail per (order, kind) ----------------------------------------------------------------
        Map<String, Map<String, List<String>>> mails = new HashMap<>();
        for (Object[] row : databases.query("notifications", "select order_id::text, kind, status from notification")) {
            mails.computeIfAbsent((String) row[0], o -> new HashMap<>())
                    .computeIfAbsent((String) row[1], k -> new ArrayList<>()).add((String) row[2]);
        }
        long mailsSent = 0;
        for (Map.Entry<String, String> order : status.entrySet()) {
            Map<String, List<String>> kinds = mails.getOrDefault(order.getKey(), Map.of());
            List<String> expected = order.getValue().equals("PENDING") ? List.of("ORDER_RECEIVED")
                    : List.of("ORDER_RECEIVED", order.getValue().equals("CONFIRMED") ? "ORDER_CONFIRMED" : "ORDER_CANCELLED");
            for (String kind : expected) {
                List<String> rows = kinds.getOrDefault(kind, List.of());
                if (rows.isEmpty()) {
                    violations.add(new Violation("MAIL_MISSING", order.getKey(), kind));
                } else if (rows.size() > 1) {
                    violations.add(new Violation("MAIL_TWICE", order.getKey(), kind + " x" + rows.size()));
                } else if (!rows.getFirst().equals("SENT")) {
                    violations.add(new Violation("MAIL_NOT_SENT", order.getKey(), kind + " " + rows.getFirst()));
                } else {
                    mailsSent++;
                }
            }
            kinds.keySet().stream().filter(kind -> !expected.contains(kind)).forEach(kind ->
                    violations.add(new Violation("MAIL_WRONG_KIND", order.getKey(), kind + " for a " + order.getValue()
                            + " order")));
        }
        counts.put("mailsSent", mailsSent);

        // --- outbox drained, nothing parked -----------------------------------------------------------------------
        for (String database : Databases.ALL) {
            long parked = databases.count(database, "select count(*) from outbox_failed");
            if (parked > 0) {
                violations.add(new Violation("OUTBOX_PARKED", database, parked + " rows in outbox_failed"));
            }
            long backlog = databases.count(database, "select count(*) from outbox_event");
            if (backlog > 0) {
                violations.add(new Violation("OUTBOX_NOT_DRAINED", database, backlog + " rows in outbox_event"));
            }
        }

        // --- poison dead-lettered, and what else went to the DLTs ---------------------------------------------------
        checkDeadLetters(poisons, violations, counts, observations);

        // --- consumers caught up -----------------------------------------------------------------------------------
        topics.lag().forEach((group, behind) -> {
            if (!behind.isEmpty()) {
                long sum = behind.values().stream().mapToLong(Long::longValue).sum();
                violations.add(new Violation("CONSUMER_LAG", group, sum + " records behind: " + behind));
            }
        });
        return new Result(violations, counts, observations);
    }

    /**
     * The query side is projected without inbox rows (its upserts are idempotent by themselves), so crashes and
     * replays must still leave every order's view with the table's status and total and exactly one placement and one
     * decision in its timeline.
     */
    private void checkReadModel(Map<String, String> status, Map<String, Long> total, List<Violation> violations) {
        Map<String, Object[]> view = new HashMap<>();
        for (Object[] row : databases.query("orders",
                "select order_id::text, status, total_minor, customer_id from order_view")) {
            view.put((String) row[0], row);
        }
        Map<String, Map<String, Long>> timeline = new HashMap<>();
        for (Object[] row : databases.query("orders", """
                select order_id::text, type, count(*) from order_timeline
                 where type in ('OrderPlaced', 'OrderConfirmed', 'OrderCancelled') group by order_id, type""")) {
            timeline.computeIfAbsent((String) row[0], o -> new HashMap<>()).put((String) row[1],
                    ((Number) row[2]).longValue());
        }
        status.forEach((id, s) -> {
            Object[] row = view.get(id);
            if (row == null || row[3] == null) {
                violations.add(new Violation("READ_MODEL_MISSING", id, s + " order, no placement in order_view"));
                return;
            }
            if (!s.equals(row[1])) {
                violations.add(new Violation("READ_MODEL_STATUS", id, s + " in orders, " + row[1] + " in order_view"));
            }
            if (row[2] == null || ((Number) row[2]).longValue() != total.get(id)) {
                violations.add(new Violation("READ_MODEL_TOTAL", id, "total " + total.get(id) + " in orders, " + row[2]
                        + " in order_view"));
            }
            Map<String, Long> entries = timeline.getOrDefault(id, Map.of());
            Map<String, Long> expected = s.equals("PENDING") ? Map.of("OrderPlaced", 1L)
                    : Map.of("OrderPlaced", 1L, s.equals("CONFIRMED") ? "OrderConfirmed" : "OrderCancelled", 1L);
            if (!entries.equals(expected)) {
                violations.add(new Violation("READ_MODEL_TIMELINE", id, s + " order, timeline " + entries));
            }
        });
    }

    private void checkDeadLetters(List<Injector.Poison> poisons, List<Violation> violations, Map<String, Long> counts,
            List<String> observations) {
        Map<String, Map<String, Integer>> deadLetters = new HashMap<>(); // "topic/partition/offset" -> group -> count
        Map<String, Long> others = new TreeMap<>();
        for (String topic : Topics.EVENT_TOPICS) {
            for (ConsumerRecord<byte[], byte[]> record : topics.readAll(topic + ".DLT")) {
                String original = Topics.header(record, "kafka_dlt-original-topic") + "/"
                        + Topics.numericHeader(record, "kafka_dlt-original-partition") + "/"
                        + Topics.numericHeader(record, "kafka_dlt-original-offset");
                String group = Topics.header(record, "kafka_dlt-original-consumer-group");
                deadLetters.computeIfAbsent(original, o -> new HashMap<>()).merge(group, 1, Integer::sum);
                if (record.headers().lastHeader(Injector.POISON_HEADER) == null) {
                    others.merge(topic + ".DLT from " + group + ": "
                            + Topics.header(record, "kafka_dlt-exception-fqcn") + " / "
                            + Topics.header(record, "kafka_dlt-exception-cause-fqcn"), 1L, Long::sum);
                }
            }
        }
        long deadLettered = 0;
        for (Injector.Poison poison : poisons) {
            String where = poison.topic() + "/" + poison.partition() + "/" + poison.offset();
            Map<String, Integer> byGroup = deadLetters.getOrDefault(where, Map.of());
            for (String group : Topics.groupsReading(poison.topic())) {
                if (byGroup.containsKey(group)) {
                    deadLettered++;
                    continue;
                }
                long committed = topics.committed(group, new TopicPartition(poison.topic(), poison.partition()));
                String fate = committed > poison.offset() ? "consumed past it without dead-lettering it"
                        : "not consumed yet (committed offset " + committed + ")";
                violations.add(new Violation("POISON_NOT_DEAD_LETTERED", group + " " + where,
                        poison.kind() + " (" + poison.description() + "): " + fate));
            }
        }
        counts.put("poisonRecords", (long) poisons.size());
        counts.put("poisonDeadLetters", deadLettered);
        others.forEach((what, n) -> observations.add(n + " non-poison dead letters in " + what));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
