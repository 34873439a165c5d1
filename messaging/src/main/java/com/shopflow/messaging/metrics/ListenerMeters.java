package com.shopflow.messaging.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Registers {@code shopflow.inbox.duplicates}/{@code shopflow.inbox.stale} per consumer group (the inbox consumer
 * name services use) and {@code shopflow.dlt.records} per consumed topic at zero as soon as the listener containers
 * are known, so dashboards show 0 rather than no series until the first duplicate or dead letter.
 */
public class ListenerMeters implements ApplicationListener<ApplicationEvent> {

    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    private final MeterRegistry meters;

    /** Reads containers from {@code registry}, registers in {@code meters}. */
    public ListenerMeters(ObjectProvider<KafkaListenerEndpointRegistry> registry, MeterRegistry meters) {
        this.registry = registry;
        this.meters = meters;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ContextRefreshedEvent) {
            registry.ifAvailable(endpoints -> endpoints.getAllListenerContainers().forEach(this::register));
        }
        else if (event instanceof ConsumerStartingEvent starting) {
            // Containers created after the context started (registered at run time) are covered here.
            register(starting.getSource(MessageListenerContainer.class));
        }
    }

    void register(MessageListenerContainer container) {
        if (container != null) {
            MessagingMeters.registerListener(meters, container.getGroupId(), topics(container));
        }
    }

    static Collection<String> topics(MessageListenerContainer container) {
        List<String> topics = new ArrayList<>();
        String[] named = container.getContainerProperties().getTopics();
        if (named != null) {
            topics.addAll(Arrays.asList(named));
        }
        TopicPartitionOffset[] partitions = container.getContainerProperties().getTopicPartitions();
        if (partitions != null) {
            Arrays.stream(partitions).map(TopicPartitionOffset::getTopic).distinct().forEach(topics::add);
        }
        return topics;
    }
}
