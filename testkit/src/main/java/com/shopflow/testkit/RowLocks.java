package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

/** Two transactions after the same row lock: which statement of the second one waits for the first. */
public final class RowLocks {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The statement the second transaction waited on, and what each transaction's {@code lock} returned. */
    public record Contention<T>(String waitingStatement, T first, T second) {
    }

    private RowLocks() {
    }

    /**
     * Runs {@code lock} in a first transaction that stays open, then in a second one, each on its own thread, and
     * returns the SQL of the statement that waits for the first transaction's lock (PostgreSQL's
     * {@code pg_stat_activity}). Fails if the second transaction does not wait.
     *
     * @param database      where to look for the waiting statement
     * @param inTransaction runs its argument in a new transaction, e.g. {@code call -> template.execute(s -> call.get())}
     */
    public static <T> Contention<T> contend(DataSource database, Function<Supplier<T>, T> inTransaction,
            Supplier<T> lock) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Own threads: the common pool may have a single worker on a 2-core machine, held by the first transaction.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<T> first = threads.submit(() -> inTransaction.apply(() -> {
                T result = lock.get();
                locked.countDown();
                awaitQuietly(release);
                return result;
            }));
            assertThat(locked.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the first transaction locked").isTrue();
            Future<T> second = threads.submit(() -> inTransaction.apply(lock));
            String waiting = awaitWaitingStatement(database);
            assertThat(second).as("the second transaction waits for the first").isNotDone();
            release.countDown();
            return new Contention<>(waiting, first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private static String awaitWaitingStatement(DataSource database) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet waiting = statement.executeQuery(
                        "select query from pg_stat_activity where wait_event_type = 'Lock'")) {
                    if (waiting.next()) {
                        return waiting.getString(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no statement waited for a lock within " + TIMEOUT);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
