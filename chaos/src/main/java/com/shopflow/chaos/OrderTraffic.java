package com.shopflow.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady order traffic against order-service at a fixed rate (bounded in-flight requests), remembering every order
 * that got a 202 and counting every other outcome per scenario label.
 */
public final class OrderTraffic implements AutoCloseable {

    /** An order the API accepted (202), with the scenario it was placed in. */
    public record PlacedOrder(String orderId, Shop.OrderKind kind, String scenario, Instant at) { }

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private final Http http = new Http(Duration.ofSeconds(10));
    private final String ordersUrl;
    private final Shop shop;
    private final ConcurrentLinkedQueue<PlacedOrder> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Semaphore inFlight = new Semaphore(200);
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private volatile String scenario = "setup";
    private volatile double ratePerSecond;
    private Thread pacer;

    public OrderTraffic(String orderServiceUrl, String bearerToken, Shop shop, double ratePerSecond) {
        http.authorize(bearerToken);
        this.ordersUrl = orderServiceUrl + "/orders";
        this.shop = shop;
        this.ratePerSecond = ratePerSecond;
    }

    /** Labels the orders placed from now on. */
    public void scenario(String name) {
        this.scenario = name;
    }

    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        pacer = Thread.ofPlatform().name("chaos-traffic").daemon().start(this::pace);
    }

    public boolean running() {
        return running.get();
    }

    /** Stops sending and waits for the requests in flight to answer. */
    public synchronized void stop() {
        if (!running.getAndSet(false)) {
            return;
        }
        try {
            pacer.join();
            inFlight.acquire(200);
            inFlight.release(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends {@code count} orders as fast as {@code concurrency} connections allow (a burst for the relay test). */
    public void burst(int count, int concurrency) {
        Semaphore slots = new Semaphore(concurrency);
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < count; i++) {
            slots.acquireUninterruptibly();
            SplittableRandom own = random.split();
            requests.submit(() -> {
                try {
                    placeOne(own);
                } finally {
                    slots.release();
                }
            });
        }
        slots.acquireUninterruptibly(concurrency);
    }

    private void pace() {
        SplittableRandom random = new SplittableRandom();
        long next = System.nanoTime();
        while (running.get()) {
            long interval = (long) (1_000_000_000L / ratePerSecond);
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime(); // fell behind by more than a second (GC, busy machine): do not catch up in a burst
            }
            if (!inFlight.tryAcquire()) {
                count(scenario, "skipped (200 in flight)");
                continue;
            }
            SplittableRandom own = random.split();
            requests.submit(() -> {
                try {
                    placeOne(own);
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    private void placeOne(SplittableRandom random) {
        String label = scenario;
        Shop.OrderKind kind = shop.nextKind(random);
        Http.Response response = http.postJson(ordersUrl, shop.orderBody(kind, random));
        count(label, response.outcome());
        if (response.status() == 202) {
            Matcher id = ORDER_ID.matcher(response.body());
            if (id.find()) {
                accepted.add(new PlacedOrder(id.group(1), kind, label, Instant.now()));
            } else {
                count(label, "202 without orderId");
            }
        }
    }

    private void count(String label, String outcome) {
        outcomes.computeIfAbsent(label, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    public List<PlacedOrder> accepted() {
        return List.copyOf(accepted);
    }

    public List<PlacedOrder> accepted(String label) {
        return accepted.stream().filter(order -> order.scenario().equals(label)).toList();
    }

    /** Outcome (202, 4xx, 5xx, ConnectException, ...) to count, for one scenario label. */
    public Map<String, Long> outcomes(String label) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.getOrDefault(label, Map.of()).forEach((outcome, adder) -> counts.put(outcome, adder.sum()));
        return counts;
    }

    @Override
    public void close() {
        stop();
        requests.close();
    }
}
