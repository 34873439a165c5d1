package com.shopflow.messaging.outbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.shopflow.messaging.MessagingProperties;
import com.shopflow.messaging.kafka.AvroEventSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers, at start-up and outside any transaction, the schema of every event the service may append, so that
 * {@link Outbox#append} never calls the registry inside a database transaction. The events of a topic are those
 * listed in {@code shopflow.messaging.topics.<topic>.events}, or else every record with a {@code metadata} field in
 * package {@code com.shopflow.events.<topic>}.
 */
public class SchemaWarmup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SchemaWarmup.class);

    private final Map<String, List<Class<? extends SpecificRecord>>> events;
    private final AvroEventSerializer serializer;

    /** Warms {@code serializer} for the topics of {@code properties}. */
    public SchemaWarmup(MessagingProperties properties, AvroEventSerializer serializer) {
        // Found here once: the inbox's TopicEventTypes reads the same result instead of scanning the class path again.
        this.events = eventsByTopic(properties);
        this.serializer = serializer;
    }

    /** The event classes of each declared topic, as {@link #eventsByTopic} found them for this warm-up. */
    public Map<String, List<Class<? extends SpecificRecord>>> events() {
        return events;
    }

    @Override
    public void afterSingletonsInstantiated() {
        events.forEach((topic, types) -> {
            for (Class<? extends SpecificRecord> type : types) {
                try {
                    serializer.register(topic, type);
                }
                catch (RuntimeException ex) {
                    // The first append of this type will then look the schema up (once) instead.
                    log.warn("Could not register the schema of {} for {} at start-up: {}", type.getName(), topic,
                            ex.toString());
                }
            }
        });
    }

    /**
     * The event classes of each declared topic: those listed in {@code topics.<t>.events}, else the events (records
     * with a {@code metadata} field) of package {@code com.shopflow.events.<t>}.
     */
    public static Map<String, List<Class<? extends SpecificRecord>>> eventsByTopic(MessagingProperties properties) {
        Map<String, List<Class<? extends SpecificRecord>>> result = new LinkedHashMap<>();
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        properties.topics().forEach((topic, settings) -> {
            List<Class<? extends SpecificRecord>> types = new ArrayList<>();
            if (!settings.events().isEmpty()) {
                for (String name : settings.events()) {
                    types.add(ClassUtils.resolveClassName(name, loader).asSubclass(SpecificRecord.class));
                }
            }
            else {
                ClassPathScanningCandidateComponentProvider scanner =
                        new ClassPathScanningCandidateComponentProvider(false);
                scanner.addIncludeFilter(new AssignableTypeFilter(SpecificRecordBase.class));
                for (BeanDefinition candidate : scanner.findCandidateComponents("com.shopflow.events." + topic)) {
                    Class<? extends SpecificRecord> type = ClassUtils
                            .resolveClassName(candidate.getBeanClassName(), loader).asSubclass(SpecificRecord.class);
                    if (org.apache.avro.specific.SpecificData.get().getSchema(type).getField("metadata") != null) {
                        types.add(type);
                    }
                }
            }
            result.put(topic, List.copyOf(types));
        });
        return Collections.unmodifiableMap(result);
    }
}
