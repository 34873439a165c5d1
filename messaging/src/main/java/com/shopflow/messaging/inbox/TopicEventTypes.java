package com.shopflow.messaging.inbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.shopflow.messaging.MessagingProperties;
import com.shopflow.messaging.outbox.SchemaWarmup;

/**
 * Which event types a topic of this service carries: those listed in {@code shopflow.messaging.topics.<t>.events},
 * else the events of package {@code com.shopflow.events.<t>} (the rule schema pre-registration follows too).
 * Topics the service does not declare, or for which no event type is known, are not checked.
 */
public final class TopicEventTypes {

    private final Map<String, Set<Class<?>>> byTopic;

    /** The rule for the topics declared in {@code properties}. */
    public TopicEventTypes(MessagingProperties properties) {
        this(byTopic(SchemaWarmup.eventsByTopic(properties)));
    }

    private TopicEventTypes(Map<String, Set<Class<?>>> byTopic) {
        this.byTopic = byTopic;
    }

    /** The rule for event classes already found per topic, e.g. {@link SchemaWarmup#events()}. */
    public static TopicEventTypes of(Map<String, ? extends Collection<? extends Class<?>>> eventsByTopic) {
        return new TopicEventTypes(byTopic(eventsByTopic));
    }

    private static Map<String, Set<Class<?>>> byTopic(
            Map<String, ? extends Collection<? extends Class<?>>> eventsByTopic) {
        Map<String, Set<Class<?>>> types = new HashMap<>();
        eventsByTopic.forEach((topic, classes) -> types.put(topic, Set.copyOf(classes)));
        return Map.copyOf(types);
    }

    /** Checks nothing. */
    public static TopicEventTypes any() {
        return new TopicEventTypes(Map.of());
    }

    /** Whether an event of class {@code type} may arrive on {@code topic}. */
    public boolean allows(String topic, Class<?> type) {
        Set<Class<?>> allowed = byTopic.get(topic);
        return allowed == null || allowed.isEmpty() || allowed.contains(type);
    }
}
