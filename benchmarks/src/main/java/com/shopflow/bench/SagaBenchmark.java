package com.shopflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.shopflow.messaging.EventHeaders;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * End-to-end saga benchmark against a running stack ({@code ./stack up -d}): open-loop {@code POST /orders} at a
 * ladder of fixed arrival rates, saga latency from the intended send time to the decision event on {@code orders},
 * with the machine's limits (raw Kafka producer, Kafka hop, PostgreSQL commits) measured in the same run.
 */
public final class SagaBenchmark {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");
    private static final String OK_SKU = "BENCH-OK";
    private static final String SHORT_SKU = "BENCH-SHORT";
    // A shop sells many products: with one SKU every reservation queued on the same row lock (6.9 ms of lock wait per
    // reservation at 40 orders/s, pg_stat_statements), which measured that lock rather than the saga.
    private static final int CATALOG = 50;
    private static final Duration WARM_ROUND = Duration.ofSeconds(15);
    private static final double WARM_P99_MS = 250;
    // Share of a warm-up round that any one service's JIT may still spend compiling for the stack to count as warm.
    // A stack carrying load for twenty minutes compiles 1.5-5 % of the time; one started two minutes before looked calm
    // at 20/s by latency alone and then sustained 39/s where the same stack, 8-14 minutes older, sustained 100/s.
    private static final double WARM_JIT_SHARE = 0.05;
    private static final String BROKE_CUSTOMER = "bench-broke";
    private static final int CUSTOMERS = 64;

    /**
     * What to run and where. {@code token} is a bearer token for the services' APIs, an admin one ({@code ./stack
     * token --admin}) so that one token places orders for every benchmark customer; {@code limitsTime} is roughly
     * how long each limit is measured.
     */
    public record Settings(String ordersUrl, String paymentsUrl, String inventoryUrl, String notificationsUrl,
            List<String> outboxJdbcUrls, String bootstrapServers, String jdbcBaseUrl, String user, String password, List<Integer> rates,
            Duration stepDuration, Duration drainTimeout, Duration warmup, String mailApiUrl, String token, boolean measureLimits,
            Duration limitsTime) {

        /** The four services, whose {@code /actuator/prometheus} the warm-up reads. */
        public List<String> serviceUrls() {
            return List.of(ordersUrl, paymentsUrl, inventoryUrl, notificationsUrl);
        }
    }

    /** The limits measured in the same run. */
    public record MeasuredLimits(Limits.ProducerLimit kafkaProducer, Limits.HopLatency kafkaHop,
            Limits.PostgresTps postgres1, Limits.PostgresTps postgres16) {
    }

    /** Figures of one step of the ladder. */
    public record Step(int targetRate, double achievedOrdersPerSecond, long placed, long decided, long confirmed,
            long cancelled, long errors, Percentiles post, Percentiles saga, double outboxBacklogPeak,
            boolean sustained) {
    }

    /** The whole run. */
    public record Result(Instant at, Settings settings, MeasuredLimits limits, List<Step> steps,
            double maxSustainedOrdersPerSecond, Double sustainedToPostgres16Ratio, Double sagaP99ToKafkaHopP99Ratio) {
    }

    private final Settings settings;
    private final String bearer;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    // Both maps are only touched under synchronized (placedAt).
    /** order id → nanoTime the POST was due; filled when the 202 arrives. */
    private final Map<String, Long> placedAt = new HashMap<>();
    /** order id → nanoTime the decision was seen, for decisions seen before their POST answered. */
    private final Map<String, Decision> decidedEarly = new HashMap<>();
    private volatile StepRecorder current;

    private SagaBenchmark(Settings settings) {
        this.settings = settings;
        this.bearer = "Bearer " + Objects.requireNonNull(settings.token(), "token");
    }

    /** Runs the limits, then the ladder until a step is not sustained. */
    public static Result run(Settings settings) throws Exception {
        return new SagaBenchmark(settings).runAll();
    }

    private Result runAll() throws Exception {
        prepareData();
        List<Step> steps = new ArrayList<>();
        AtomicBoolean consuming = new AtomicBoolean(true);
        CountDownLatch positioned = new CountDownLatch(1);
        Thread decisions = Thread.ofPlatform().name("decisions")
                .start(() -> consumeDecisions(consuming, positioned));
        // The consumer starts at the end of `orders`: a decision written before it got there would never be seen
        // (with no warm-up a third of the first step's decisions were missed that way).
        if (!positioned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the decision consumer did not reach the end of `orders` in 60 s");
        }
        try {
            warmUp();
            for (int rate : settings.rates()) {
                Step step = runStep(rate, settings.stepDuration());
                steps.add(step);
                System.out.printf("rate %5d/s: achieved %7.1f/s, POST p99 %7.2f ms, saga p50 %7.2f p99 %7.2f ms, "
                        + "errors %d, backlog peak %.0f%s%n", rate, step.achievedOrdersPerSecond(), step.post().p99(),
                        step.saga().p50(), step.saga().p99(), step.errors(), step.outboxBacklogPeak(),
                        step.sustained() ? "" : "  <- not sustained");
                if (!step.sustained()) {
                    break;
                }
            }
        }
        finally {
            consuming.set(false);
            decisions.join(5_000);
        }
        // After the ladder, not before: the 16-connection PostgreSQL run leaves a checkpoint's worth of dirty pages
        // behind that would slow the first rate.
        MeasuredLimits limits = settings.measureLimits() ? measureLimits() : null;
        double maxSustained = steps.stream().filter(Step::sustained).mapToDouble(Step::achievedOrdersPerSecond).max()
                .orElse(0);
        Double tpsRatio = limits == null ? null : maxSustained / limits.postgres16().transactionsPerSecond();
        Double hopRatio = null;
        if (limits != null) {
            Step near200 = steps.stream().min((a, b) -> Integer.compare(Math.abs(a.targetRate() - 200),
                    Math.abs(b.targetRate() - 200))).orElse(null);
            if (near200 != null && limits.kafkaHop().latency().p99() > 0) {
                hopRatio = near200.saga().p99() / limits.kafkaHop().latency().p99();
            }
        }
        return new Result(Instant.now(), settings, limits, steps, maxSustained, tpsRatio, hopRatio);
    }

    private MeasuredLimits measureLimits() {
        System.out.println("measuring limits: raw Kafka producer, Kafka hop, PostgreSQL commits ...");
        long seconds = Math.max(1, settings.limitsTime().toSeconds());
        Limits.ProducerLimit producer = Limits.kafkaProducer(settings.bootstrapServers(), 300,
                (int) (20_000 * seconds));
        Limits.HopLatency hop = Limits.kafkaHop(settings.bootstrapServers(), 300, 1000, settings.limitsTime());
        Duration half = settings.limitsTime().dividedBy(2);
        Limits.PostgresTps pg1 = Limits.postgres(settings.jdbcBaseUrl(), settings.user(), settings.password(), 1,
                half);
        Limits.PostgresTps pg16 = Limits.postgres(settings.jdbcBaseUrl(), settings.user(), settings.password(), 16,
                half);
        System.out.printf("limits: producer %,.0f rec/s, hop p99 %.2f ms, postgres %,.0f TPS@1, %,.0f TPS@16%n",
                producer.recordsPerSecond(), hop.latency().p99(), pg1.transactionsPerSecond(),
                pg16.transactionsPerSecond());
        return new MeasuredLimits(producer, hop, pg1, pg16);
    }

    /** Stock and credit so most orders confirm, one customer without credit, one SKU without stock. */
    private void prepareData() throws Exception {
        for (int i = 0; i < CATALOG; i++) {
            put(settings.inventoryUrl() + "/stock/" + OK_SKU + "-" + i, "{\"available\":1000000000}");
        }
        put(settings.inventoryUrl() + "/stock/" + SHORT_SKU, "{\"available\":0}");
        for (int i = 0; i < CUSTOMERS; i++) {
            put(settings.paymentsUrl() + "/accounts/bench-" + i, "{\"creditLimit\":1000000000}");
        }
        put(settings.paymentsUrl() + "/accounts/" + BROKE_CUSTOMER, "{\"creditLimit\":0}");
    }

    private void put(String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("PUT " + url + " -> " + response.statusCode() + " " + response.body());
        }
    }

    /** 90 % confirm, 5 % are declined for credit, 5 % are short of stock. */
    private static String orderBody(long n) {
        long bucket = n % 20;
        String customer = bucket == 0 ? BROKE_CUSTOMER : "bench-" + (n % CUSTOMERS);
        String sku = bucket == 1 ? SHORT_SKU : OK_SKU + "-" + (n % CATALOG);
        return """
                {"customerId":"%s","customerEmail":"%s@example.com","currency":"EUR",\
                "lines":[{"sku":"%s","quantity":1,"unitPrice":1.00}]}""".formatted(customer, customer, sku);
    }

    /**
     * A freshly started stack runs interpreted code: four services compiling their hot paths on two cores fall minutes
     * behind even at 30 orders/s. Warm-up rounds (whose decisions are awaited) start at the first rate of the ladder
     * and climb one rung whenever two rounds in a row keep saga p99 under {@link #WARM_P99_MS} and no service's JIT
     * compiled for more than {@link #WARM_JIT_SHARE} of the round (Micrometer's {@code jvm.compilation.time}), until
     * that holds at the middle rung of the ladder, for at most {@code --warmup-seconds}. Latency alone said "warm" too
     * early (at 20/s on a stack that then fell over at 60/s while its compilers were busy), and a stack warm at the
     * first rate still compiles when it first meets higher ones (bigger batches take other paths). How long it took is
     * printed, since it is a figure of its own.
     */
    private void warmUp() throws Exception {
        if (settings.warmup().isZero()) {
            return;
        }
        List<Integer> rungs = settings.rates().subList(0, (settings.rates().size() + 1) / 2);
        Duration round = settings.warmup().compareTo(WARM_ROUND) < 0 ? settings.warmup() : WARM_ROUND;
        long start = System.nanoTime();
        int rung = 0;
        int calm = 0;
        int rounds = 0;
        boolean warm = false;
        Step step;
        Compiling compiling;
        // One reading per round boundary: the end of a round is the start of the next.
        Map<String, Double> compiled = compilationMillis();
        long readAt = System.nanoTime();
        do {
            int rate = rungs.get(rung);
            step = runStep(rate, round);
            Map<String, Double> compiledNow = compilationMillis();
            long now = System.nanoTime();
            compiling = Compiling.busiest(compiled, compiledNow, now - readAt);
            compiled = compiledNow;
            readAt = now;
            rounds++;
            boolean quiet = step.sustained() && step.saga().p99() < WARM_P99_MS && compiling.share() < WARM_JIT_SHARE;
            calm = quiet ? calm + 1 : 0;
            System.out.printf("warm-up round %d at %d/s: saga p99 %.2f ms, JIT busiest at %s (%.1f %% of the round)%n",
                    rounds, rate, step.saga().p99(), compiling.service(), 100 * compiling.share());
            if (calm == 2) {
                warm = rung == rungs.size() - 1;
                rung = Math.min(rung + 1, rungs.size() - 1);
                calm = 0;
            }
        } while (!warm && System.nanoTime() - start + round.toNanos() <= settings.warmup().toNanos());
        System.out.printf("warm-up %d rounds of %ds up to %d/s in %ds (%s): last saga p99 %.2f ms, JIT %.1f %%%n",
                rounds, round.toSeconds(), rungs.get(rung), Duration.ofNanos(System.nanoTime() - start).toSeconds(),
                warm ? "warm" : "time limit reached, still warming", step.saga().p99(), 100 * compiling.share());
    }

    /** The service whose JIT spent the largest share of a round compiling, and that share. */
    private record Compiling(String service, double share) {

        static Compiling busiest(Map<String, Double> before, Map<String, Double> after, long roundNanos) {
            Compiling busiest = new Compiling("none", 0);
            for (Map.Entry<String, Double> now : after.entrySet()) {
                Double then = before.get(now.getKey());
                if (then == null) {
                    continue;
                }
                double share = (now.getValue() - then) / (roundNanos / 1e6);
                if (share > busiest.share()) {
                    busiest = new Compiling(now.getKey(), share);
                }
            }
            return busiest;
        }
    }

    /**
     * Milliseconds each service's JIT has spent compiling since it started, by service URL; a service whose metrics
     * cannot be read is left out (and so does not hold the warm-up back).
     */
    private Map<String, Double> compilationMillis() throws InterruptedException {
        Map<String, Double> millis = new HashMap<>();
        for (String url : settings.serviceUrls()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    continue;
                }
                response.body().lines().filter(line -> line.startsWith("jvm_compilation_time_ms_total"))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .reduce(Double::sum)
                        .ifPresent(total -> millis.put(url, total));
            } catch (IOException e) {
                // left out, see above
            }
        }
        return millis;
    }

    private Step runStep(int rate, Duration duration) throws Exception {
        purgeMails();
        StepRecorder recorder = new StepRecorder();
        current = recorder;
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().name("backlog-sampler").start(() -> {
            List<Connection> outboxes = new ArrayList<>();
            try {
                for (String url : settings.outboxJdbcUrls()) {
                    outboxes.add(DriverManager.getConnection(url, settings.user(), settings.password()));
                }
                while (sampling.get()) {
                    recorder.backlogPeak = Math.max(recorder.backlogPeak, backlog(outboxes));
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
                }
            }
            catch (SQLException ex) {
                System.err.println("backlog sampling stopped: " + ex.getMessage());
            }
            finally {
                outboxes.forEach(SagaBenchmark::closeQuietly);
            }
        });
        long total = rate * duration.toSeconds();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            recorder.placed.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.ordersUrl() + "/orders"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.ofString(orderBody(i), StandardCharsets.UTF_8)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long answered = System.nanoTime();
                if (failure != null || response.statusCode() != 202) {
                    recorder.errors.incrementAndGet();
                    return;
                }
                recorder.record(recorder.post, answered - due);
                Matcher id = ORDER_ID.matcher(response.body());
                if (!id.find()) {
                    recorder.errors.incrementAndGet();
                    return;
                }
                String orderId = id.group(1);
                Decision decided;
                // A decision can arrive before the 202 does: checking for it and registering the order must be one
                // step, or a decision seen in between is counted nowhere (it was, until 2026-11-26).
                synchronized (placedAt) {
                    decided = decidedEarly.remove(orderId);
                    if (decided == null) {
                        placedAt.put(orderId, due);
                    }
                }
                if (decided != null) {
                    recorder.decide(decided.seenAt() - due, decided.confirmed());
                }
            });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long drainDeadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while (recorder.decided.get() + recorder.errors.get() < total && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        sampling.set(false);
        sampler.join();
        current = null;
        synchronized (placedAt) {
            placedAt.clear();
            decidedEarly.clear();
        }
        long decided = recorder.decided.get();
        // achieved = decisions per second over the time it took to send the step and see its decisions
        double achieved = decided / Math.max(elapsed, sendSeconds);
        Percentiles saga;
        Percentiles post;
        synchronized (recorder) {
            saga = Percentiles.ofNanos(recorder.saga);
            post = Percentiles.ofNanos(recorder.post);
        }
        boolean sustained = decided >= total * 0.99 && recorder.errors.get() == 0 && achieved >= rate * 0.9
                && saga.p99() < 1_000;
        return new Step(rate, achieved, total, decided, recorder.confirmed.get(), recorder.cancelled.get(),
                recorder.errors.get(), post, saga, recorder.backlogPeak, sustained);
    }

    private void consumeDecisions(AtomicBoolean running, CountDownLatch positioned) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // The broker's default fetch wait (500 ms) is long polling: a fetch returns as soon as a record is appended, so
        // a shorter wait adds no precision, only empty fetches. At 10 ms they were 43 % of this JVM's samples and a
        // hundred requests a second to the broker under test.
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor("orders").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long seen = System.nanoTime();
                    Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
                    String eventType = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                    boolean confirmed = eventType.endsWith("OrderConfirmed");
                    if (!confirmed && !eventType.endsWith("OrderCancelled")) {
                        continue;
                    }
                    StepRecorder recorder = current;
                    Long due;
                    // With the POST's callback: one of the two sees the other's entry (see the POST callback in runStep).
                    synchronized (placedAt) {
                        due = placedAt.remove(record.key());
                        if (due == null && recorder != null) {
                            decidedEarly.put(record.key(), new Decision(seen, confirmed));
                        }
                    }
                    if (recorder != null && due != null) {
                        recorder.decide(seen - due, confirmed);
                    }
                }
            }
        }
    }

    // Counted in the services' databases: their backlog gauge is refreshed every few seconds only, and scraping four
    // Prometheus pages several times a second cost the services more CPU than the orders did.
    private double backlog(List<Connection> outboxes) {
        double total = 0;
        for (Connection outbox : outboxes) {
            try (Statement statement = outbox.createStatement();
                    ResultSet count = statement.executeQuery("select count(*) from outbox_event")) {
                count.next();
                total += count.getLong(1);
            }
            catch (SQLException ignored) {
                // a missed sample only lowers the peak estimate
            }
        }
        return total;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // the benchmark is ending anyway
        }
    }

    // The local stack's SMTP server (GreenMail) keeps every mail in memory; a benchmark sends tens of thousands.
    private void purgeMails() {
        if (settings.mailApiUrl() == null) {
            return;
        }
        try {
            http.send(HttpRequest.newBuilder(URI.create(settings.mailApiUrl() + "/api/mail/purge"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        catch (IOException ex) {
            System.err.println("could not purge the mail server's mails: " + ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A decision seen before its order's 202 arrived. */
    private record Decision(long seenAt, boolean confirmed) {
    }

    /** Counters and histograms of one step. */
    private static final class StepRecorder {
        final Histogram post = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
        final Histogram saga = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
        final AtomicLong placed = new AtomicLong();
        final AtomicLong decided = new AtomicLong();
        final AtomicLong confirmed = new AtomicLong();
        final AtomicLong cancelled = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        volatile double backlogPeak;

        synchronized void record(Histogram histogram, long nanos) {
            histogram.recordValue(Math.max(0, Math.min(nanos, histogram.getHighestTrackableValue())));
        }

        void decide(long nanos, boolean isConfirmed) {
            record(saga, nanos);
            decided.incrementAndGet();
            (isConfirmed ? confirmed : cancelled).incrementAndGet();
        }
    }

    /**
     * Command line, all optional: {@code --rates 50,100,200,400 --step-seconds 15 --warmup-seconds 360 --orders http://127.0.0.1:8081
     * --payments http://127.0.0.1:8082 --inventory http://127.0.0.1:8083 --notifications http://127.0.0.1:8084
     * --bootstrap 127.0.0.1:9092 --jdbc jdbc:postgresql://127.0.0.1:5432/postgres --user postgres --password postgres
     * --out benchmarks/results}.
     */
    public static void main(String[] args) throws Exception {
        Arguments a = new Arguments(args);
        String host = a.get("host", "127.0.0.1");
        String jdbc = a.get("jdbc", "jdbc:postgresql://" + host + ":5432/orders");
        String server = jdbc.substring(0, jdbc.lastIndexOf('/') + 1);
        List<String> outboxes = List.of("orders", "payments", "inventory", "notifications").stream()
                .map(database -> server + database).toList();
        Settings settings = new Settings(a.get("orders", "http://" + host + ":8081"),
                a.get("payments", "http://" + host + ":8082"), a.get("inventory", "http://" + host + ":8083"),
                a.get("notifications", "http://" + host + ":8084"),
                outboxes, a.get("bootstrap", host + ":9092"), jdbc, a.get("user", "shopflow"),
                a.get("password", "shopflow"),
                java.util.Arrays.stream(a.get("rates", "50,100,200,300,500,700,900,1200").split(","))
                        .map(String::trim).map(Integer::parseInt).toList(),
                Duration.ofSeconds(a.getInt("step-seconds", 15)), Duration.ofSeconds(a.getInt("drain-seconds", 10)),
                Duration.ofSeconds(a.getInt("warmup-seconds", 360)), a.get("mail-api", "http://" + host + ":8025"),
                Objects.requireNonNull(System.getenv("SHOPFLOW_TOKEN"),
                        "set SHOPFLOW_TOKEN=$(./stack token --admin): the services need a bearer token"),
                !a.has("no-limits"), Duration.ofSeconds(a.getInt("limits-seconds", 10)));
        Result result = run(settings);
        Path out = Path.of(a.get("out", "benchmarks/results"));
        Reports.writeJson(out.resolve("saga.json"), result);
        Charts.sagaLatency(out.resolve("saga.png"), result);
        Reports.writeSagaSummary(out.resolve("saga.md"), result);
        System.out.printf("max sustained %.0f orders/s; ratio to PostgreSQL TPS@16 %s; saga p99 / Kafka hop p99 %s%n"
                + "written to %s%n", result.maxSustainedOrdersPerSecond(), result.sustainedToPostgres16Ratio(),
                result.sagaP99ToKafkaHopP99Ratio(), out);
    }
}
