package com.shopflow.chaos;

import java.util.List;
import java.util.Map;

/**
 * The report line of one scenario.
 *
 * @param placed          orders answered 202 during the scenario
 * @param requests        every order request's outcome (202, 4xx, 5xx, ConnectException, ...) with its count
 * @param confirmed       of the orders placed in this scenario, how many ended CONFIRMED
 * @param cancelled       ... and CANCELLED
 * @param terminal        confirmed + cancelled
 * @param violationCount  violations found (by the action or the invariant checker over all orders so far)
 * @param violations      up to five examples of each violated invariant, for the report
 * @param byInvariant     violations per invariant
 * @param counts          totals the checker counted (orders, mails, duplicates on topics, poison dead letters, ...)
 * @param notes           what the action did and saw
 * @param observations    things that break no invariant but are worth knowing (e.g. non-poison dead letters)
 */
public record ScenarioResult(String name, String description, long seconds, long placed, Map<String, Long> requests,
                             long confirmed, long cancelled, long terminal, long violationCount,
                             List<String> violations, Map<String, Long> byInvariant, Map<String, Long> counts,
                             List<String> notes, List<String> observations) {

    public boolean passed() {
        return violationCount == 0;
    }
}
