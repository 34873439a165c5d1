package com.shopflow.chaos.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.shopflow.chaos.Violation;

/**
 * What a fuzz run sent and found.
 *
 * @param requests       requests sent, per phase ({@code rejected-only}, {@code boundary})
 * @param statuses       answers per status code
 * @param categories     requests per generator category
 * @param serverErrors   5xx answers (each a violation)
 * @param accepted       invalid requests answered 2xx (each a violation)
 * @param changedTables  tables changed by the rejected-only phase (each a violation)
 * @param notProblemJson 4xx answers not in {@code application/problem+json}, per operation (house style, not a violation)
 * @param notProblemJsonExamples the first few of them
 * @param seed           the generator's seed, to reproduce the run
 */
public record FuzzResult(Map<String, Integer> requests, Map<Integer, Integer> statuses, Map<String, Integer> categories,
                         List<String> serverErrors, List<String> accepted, List<String> changedTables,
                         Map<String, Integer> notProblemJson, List<String> notProblemJsonExamples, List<String> notFuzzed, long seed) {

    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        serverErrors.forEach(e -> violations.add(new Violation("FUZZ_5XX", "seed " + seed, e)));
        accepted.forEach(e -> violations.add(new Violation("FUZZ_INVALID_ACCEPTED", "seed " + seed, e)));
        changedTables.forEach(t -> violations.add(new Violation("FUZZ_REJECTED_CHANGED_STATE", t,
                "a table changed while only rejected requests were sent")));
        return violations;
    }

    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("fuzz requests " + requests + " (seed " + seed + "), answers by status " + statuses);
        lines.add("by category " + categories);
        lines.add(serverErrors.size() + " answers with 5xx, " + accepted.size() + " invalid requests accepted, "
                + changedTables.size() + " tables changed by rejected requests");
        if (!notProblemJson.isEmpty()) {
            lines.add("4xx answers without application/problem+json: " + notProblemJson + ", e.g. "
                    + notProblemJsonExamples);
        }
        notFuzzed.forEach(n -> lines.add("not fuzzed: " + n));
        return lines;
    }
}
