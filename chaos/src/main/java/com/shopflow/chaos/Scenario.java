package com.shopflow.chaos;

/**
 * One fault injected while order traffic runs. The action notes what it did (and may report a violation it can only
 * see itself, such as an event lost by the relay); the invariant checker runs after it, once traffic has stopped.
 *
 * @param name        short id, e.g. {@code kill-payment-service}
 * @param description what is done, for the report
 * @param traffic     whether order traffic runs around the fault
 * @param action      the fault
 */
public record Scenario(String name, String description, boolean traffic, Action action) {

    /** The fault itself. */
    @FunctionalInterface
    public interface Action {
        void run(ChaosRun run, ScenarioLog log) throws Exception;
    }
}
