package com.shopflow.order;

/** Port to the event feed of the read model; implemented in {@code messaging} by its Kafka listeners. */
public interface ReadModelFeed {

    /**
     * Stops feeding, runs {@code clear} in a transaction, then feeds again from the beginning of every source topic.
     */
    void replayFromStart(Runnable clear);
}
