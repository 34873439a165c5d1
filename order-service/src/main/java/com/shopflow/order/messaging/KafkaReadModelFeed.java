package com.shopflow.order.messaging;

import com.shopflow.order.ReadModelFeed;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays the read model's topics: stops its listener (the consumer leaves the group), clears the model, moves the
 * group's offsets to the beginning and starts again. The projector keeps no inbox rows (its projection is
 * idempotent), so there is nothing else to forget.
 * Needs every read-model consumer of the group to be this instance's (see the README).
 */
@Component
public class KafkaReadModelFeed implements ReadModelFeed {

    private static final Logger log = LoggerFactory.getLogger(KafkaReadModelFeed.class);
    private static final List<String> TOPICS = List.of("orders", "payments", "inventory");
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafkaAdmin;
    private final TransactionTemplate transactions;

    public KafkaReadModelFeed(KafkaListenerEndpointRegistry listeners, KafkaAdmin kafkaAdmin,
                              TransactionTemplate transactions) {
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.transactions = transactions;
    }

    @Override
    public synchronized void replayFromStart(Runnable clear) {
        MessageListenerContainer container = listeners.getListenerContainer(ReadModelProjector.LISTENER_ID);
        if (container == null) {
            throw new IllegalStateException("no listener container " + ReadModelProjector.LISTENER_ID);
        }
        container.stop();
        try {
            transactions.executeWithoutResult(status -> clear.run());
            rewindGroup();
        } finally {
            container.start();
        }
        log.info("Read model cleared; replaying {} from the beginning", TOPICS);
    }

    private void rewindGroup() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Map<String, TopicDescription> topics = admin.describeTopics(TOPICS).allTopicNames()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            topics.values().forEach(t -> t.partitions().forEach(
                    p -> earliest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.earliest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(earliest).all()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            offsets.forEach((partition, info) -> rewound.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(ReadModelProjector.CONSUMER, rewound).all()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rewinding the read model's consumer group", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not rewind consumer group " + ReadModelProjector.CONSUMER
                    + " (is another instance consuming it?)", e);
        }
    }
}
