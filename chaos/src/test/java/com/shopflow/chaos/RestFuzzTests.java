package com.shopflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.shopflow.chaos.fuzz.FuzzResult;
import com.shopflow.chaos.fuzz.RestFuzzer;

/**
 * Property-based REST robustness over every service's OpenAPI document (seeded generator, 2,000 invalid requests and
 * reads, 200 boundary requests): no 5xx ever, every invalid request rejected with a 4xx, and no table changed while
 * only rejected requests were sent. {@code -Dchaos.fuzz.seed=N} reproduces another run.
 */
class RestFuzzTests {

    @Test
    void malformedAndBoundaryRequestsNeverFailTheServerNorChangeState() {
        ChaosRun run = SharedStack.run();
        // Quiet first: table checksums are only meaningful when no saga is still moving.
        run.checker().awaitClean(run.traffic().accepted(), run.shop(), run.poisons(),
                run.settings().decisionWindow(), run.settings().settleWindow(), System.out::println);
        long seed = Long.getLong("chaos.fuzz.seed", run.settings().fuzzSeed());

        FuzzResult result = new RestFuzzer(run.stack(), run.databases(), seed).run(2000, 200, System.out::println);
        result.summary().forEach(System.out::println);

        assertThat(result.requests().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2200);
        assertThat(result.serverErrors()).as("5xx answers").isEmpty();
        assertThat(result.accepted()).as("invalid requests answered 2xx").isEmpty();
        assertThat(result.changedTables()).as("tables changed by rejected requests").isEmpty();
    }
}
