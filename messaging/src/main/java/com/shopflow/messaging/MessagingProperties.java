package com.shopflow.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging library, bound from {@code shopflow.messaging.*}.
 *
 * @param registryUrl base URL of the Apicurio Registry, e.g. {@code http://127.0.0.1:8080} (the library appends
 *                    {@code /apis/registry/v3})
 * @param topics      topics this service uses, created at start-up together with their {@code .DLT}
 * @param relay       the outbox relay
 * @param retry       back-off of a listener for transient failures before the record goes to the dead-letter topic
 * @param inbox       the idempotent consumer
 */
@ConfigurationProperties("shopflow.messaging")
public record MessagingProperties(
        String registryUrl,
        @DefaultValue Map<String, Topic> topics,
        @DefaultValue Relay relay,
        @DefaultValue Retry retry,
        @DefaultValue Inbox inbox) {

    /**
     * One topic.
     *
     * @param partitions number of partitions (default 6)
     * @param replicas   replication factor (default 1)
     * @param events     Avro record classes (fully qualified) this service appends to the topic; their schemas are
     *                   registered at start-up so no append ever waits for the registry. Empty: nothing is
     *                   pre-registered and the first append of a type looks its schema up once.
     */
    public record Topic(
            @DefaultValue("6") int partitions,
            @DefaultValue("1") short replicas,
            @DefaultValue List<String> events) {
    }

    /**
     * The outbox relay.
     *
     * @param enabled        whether this instance runs a relay (only one per database is active at a time anyway)
     * @param batchSize      most rows read, sent and deleted per round
     * @param pollInterval   how often the relay looks for rows when no notification arrives (and how often a
     *                       standby instance tries to take over)
     * @param initialBackoff first pause after a failed send
     * @param maxBackoff     longest pause between retries of a failed send
     * @param lockId         PostgreSQL advisory lock key that elects the active relay of a database
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("4000") int batchSize,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("100ms") Duration initialBackoff,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("7262319047716220001") long lockId) {
    }

    /**
     * Back-off of a listener for transient failures.
     *
     * @param initialInterval first pause
     * @param multiplier      growth of the pause
     * @param maxInterval     longest pause
     * @param maxElapsed      total time spent retrying before the record is dead-lettered
     */
    public record Retry(
            @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5s") Duration maxInterval,
            @DefaultValue("30s") Duration maxElapsed) {
    }

    /**
     * The idempotent consumer.
     *
     * @param skipStale whether an event older (lower sequence) than one already applied for its key is skipped
     */
    public record Inbox(@DefaultValue("true") boolean skipStale) {
    }
}
