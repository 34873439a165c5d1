package com.shopflow.messaging.relay;

import org.springframework.context.SmartLifecycle;

/** Starts the outbox relay with the application context and stops it before the context closes. */
public class RelayLifecycle implements SmartLifecycle {

    private final OutboxRelay relay;

    /** Runs {@code relay}. */
    public RelayLifecycle(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void start() {
        relay.start();
    }

    @Override
    public void stop() {
        relay.close();
    }

    @Override
    public boolean isRunning() {
        return relay.isRunning();
    }

    @Override
    public int getPhase() {
        // After the Kafka listener containers (they stop first), before the web server shuts down.
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
