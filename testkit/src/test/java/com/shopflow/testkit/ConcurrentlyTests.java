package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ConcurrentlyTests {

    @Test
    void runsCallsAtOnceAndKeepsTheirOrder() throws Exception {
        CountDownLatch allStarted = new CountDownLatch(4);
        List<Callable<Integer>> calls = IntStream.range(0, 4).mapToObj(i -> (Callable<Integer>) () -> {
            allStarted.countDown();
            // Only passes if all four run at the same time.
            assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
            return i;
        }).toList();

        assertThat(Concurrently.run(4, calls)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void retriesOnlyTheGivenFailureAndAtMostTheGivenTimes() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> Concurrently.retried(IllegalStateException.class, 3, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("lost the race");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(3);

        attempts.set(0);
        assertThatThrownBy(() -> Concurrently.retried(IllegalStateException.class, 3, () -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("not retried");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void retriedCallReturnsTheFirstSuccess() throws Exception {
        AtomicInteger attempts = new AtomicInteger();

        String result = Concurrently.retried(IllegalStateException.class, 3, () -> {
            if (attempts.incrementAndGet() < 2) {
                throw new IllegalStateException("lost the race");
            }
            return "won";
        });

        assertThat(result).isEqualTo("won");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void failureOfOneCallIsRethrown() {
        List<Callable<Integer>> calls = List.of(() -> 1, () -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> Concurrently.run(2, calls)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
