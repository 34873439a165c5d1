package com.shopflow.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs use cases from many threads at once, as concurrent listeners and requests would. */
public final class Concurrently {

    private Concurrently() {
    }

    /**
     * Starts all calls on a pool of that many threads and returns their results in the order of the calls; the first
     * failure is rethrown (as the {@link java.util.concurrent.ExecutionException} that wraps it).
     */
    public static <T> List<T> run(int threads, List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Calls again after a failure of the given type, at most {@code attempts} times in all, as a listener's error
     * handler redelivers: e.g. a write that lost a race for a unique key to a concurrent transaction, whose retry then
     * sees the winner's row. Any other failure, or the last one, is thrown.
     */
    public static <T> T retried(Class<? extends Exception> retryOn, int attempts, Callable<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                if (!retryOn.isInstance(e) || attempt >= attempts) {
                    throw e;
                }
            }
        }
    }
}
