package com.shopflow.chaos;

import java.time.Duration;
import java.util.List;

/**
 * How hard and how long a chaos run pushes.
 *
 * @param ordersPerSecond order traffic rate (localhost only)
 * @param before          traffic before the fault
 * @param whileDown       traffic while a killed or stopped component is down; then traffic pauses until it is
 *                        healthy again (a service start takes up to 2 minutes on a busy 2-core machine, and orders
 *                        piling up for that long only measure how fast mails drain)
 * @param after           traffic after the fault has been repaired
 * @param orderDeadline   the saga deadline the services run with ({@code shopflow.orders.deadline})
 * @param settleWindow    time beyond deadline + 30 s for compensations, mails and lag to settle
 * @param fuzzRequests    REST fuzz requests in the rejected-only phase (plus a tenth of that in boundary requests)
 * @param fuzzSeed        seed of the REST fuzz generator (reproducible runs)
 */
public record ChaosSettings(double ordersPerSecond, Duration before, Duration whileDown, Duration after, Duration orderDeadline,
                            Duration settleWindow, int fuzzRequests, long fuzzSeed) {

    /** The full run's settings. */
    public static ChaosSettings full() {
        return new ChaosSettings(20, Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(6),
                Duration.ofSeconds(15), Duration.ofSeconds(150), 4000, 20261126L);
    }

    /** The short run in {@code ./mvnw verify}. */
    public static ChaosSettings smoke() {
        return new ChaosSettings(20, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(4),
                Duration.ofSeconds(15), Duration.ofSeconds(120), 2000, 20261126L);
    }

    /** Order deadline + 30 s: the bound for every accepted order to end CONFIRMED or CANCELLED. */
    public Duration decisionWindow() {
        return orderDeadline.plusSeconds(30);
    }

    /** Arguments every service of the chaos stack runs with. */
    public List<String> serviceArgs() {
        return List.of("--shopflow.orders.deadline=" + orderDeadline.toSeconds() + "s",
                // Mails wait at most 5 s between attempts, so an SMTP outage ends in a bounded time.
                "--shopflow.notification.retry.max=5s");
    }

    public ChaosSettings withOrdersPerSecond(double rate) {
        return new ChaosSettings(rate, before, whileDown, after, orderDeadline, settleWindow, fuzzRequests, fuzzSeed);
    }

    public ChaosSettings withFuzz(int requests, long seed) {
        return new ChaosSettings(ordersPerSecond, before, whileDown, after, orderDeadline, settleWindow, requests, seed);
    }
}
