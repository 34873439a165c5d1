package com.shopflow.messaging.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.shopflow.messaging.MessagingProperties;
import com.shopflow.messaging.inbox.TopicEventTypes;
import com.shopflow.messaging.inbox.Inbox;
import com.shopflow.messaging.inbox.StalePolicy;
import com.shopflow.messaging.kafka.AvroEventSerializer;
import com.shopflow.messaging.kafka.CorrelationRecordInterceptor;
import com.shopflow.messaging.kafka.DeadLetters;
import com.shopflow.events.wire.WireFormat;
import com.shopflow.messaging.metrics.ListenerMeters;
import com.shopflow.messaging.metrics.MessagingMeters;
import com.shopflow.messaging.outbox.Outbox;
import com.shopflow.messaging.outbox.OutboxMonitor;
import com.shopflow.messaging.outbox.SchemaWarmup;
import com.shopflow.messaging.outbox.TraceContext;
import com.shopflow.messaging.relay.OutboxRelay;
import com.shopflow.messaging.relay.RelayConnections;
import com.shopflow.messaging.relay.RelayLifecycle;
import com.zaxxer.hikari.HikariDataSource;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wires the shopflow messaging library into a service: outbox and relay, inbox, Avro serde through the registry,
 * dead-letter error handling, topic creation, Flyway location of the library's tables, metrics and tracing.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"},
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** Exceptions a retry cannot fix: such a record goes straight to the dead-letter topic. */
    static final List<Class<? extends Exception>> NOT_RETRYABLE = List.of(IllegalArgumentException.class,
            AvroRuntimeException.class, org.apache.kafka.common.errors.SerializationException.class,
            UnsupportedOperationException.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    AvroEventSerializer avroEventSerializer(MessagingProperties properties) {
        return new AvroEventSerializer(properties.registryUrl());
    }

    @Bean
    SchemaWarmup schemaWarmup(MessagingProperties properties, AvroEventSerializer serializer) {
        return new SchemaWarmup(properties, serializer);
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(JdbcTemplate jdbc, AvroEventSerializer serializer, Environment environment,
            ObjectProvider<TraceContext> traceContext) {
        String producer = environment.getProperty("spring.application.name", "application");
        return new Outbox(jdbc, serializer, producer, traceContext.getIfAvailable(TraceContext::none),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, MessagingProperties properties,
            SchemaWarmup schemaWarmup, ObjectProvider<MeterRegistry> meters,
            ObjectProvider<ObservationRegistry> observations) {
        return new Inbox(jdbc, new TransactionTemplate(transactionManager), meters(meters),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                properties.inbox().skipStale() ? StalePolicy.SKIP : StalePolicy.APPLY,
                TopicEventTypes.of(schemaWarmup.events()));
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxMonitor outboxMonitor(JdbcTemplate jdbc, ObjectProvider<MeterRegistry> meters) {
        return new OutboxMonitor(jdbc, meters(meters), Duration.ofSeconds(5));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "shopflow.messaging.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(MessagingProperties properties, DataSource dataSource, KafkaProperties kafka,
            ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = OutboxRelay.producerConfig(kafka.buildProducerProperties());
        return new OutboxRelay(properties.relay(), relayConnections(dataSource), new KafkaProducer<>(config),
                meters(meters));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "shopflow.messaging.relay.enabled", matchIfMissing = true)
    RelayLifecycle outboxRelayLifecycle(OutboxRelay relay) {
        return new RelayLifecycle(relay);
    }

    // The relay keeps its connection (lock and LISTEN) for as long as it is active: open it outside the pool.
    private static RelayConnections relayConnections(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            return RelayConnections.fromDriver(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }
        return RelayConnections.from(dataSource);
    }

    static MeterRegistry meters(ObjectProvider<MeterRegistry> meters) {
        return meters.getIfAvailable(() -> Metrics.globalRegistry);
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer shopflowConsumerSerde(MessagingProperties properties) {
        return factory -> {
            Map<String, Object> config = new HashMap<>(WireFormat.serdeProperties(properties.registryUrl()));
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
            config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, AvroKafkaDeserializer.class);
            factory.updateConfigs(config);
        };
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer shopflowProducerSerde(MessagingProperties properties) {
        return factory -> {
            Map<String, Object> config = new HashMap<>(WireFormat.serdeProperties(properties.registryUrl()));
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
            factory.updateConfigs(config);
        };
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler shopflowErrorHandler(MessagingProperties properties, KafkaProperties kafka,
            ObjectProvider<MeterRegistry> meterProvider) {
        MeterRegistry meters = meters(meterProvider);
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(
                deadLetterTemplate(properties, kafka),
                // No fixed partition: a .DLT created elsewhere may have fewer partitions than its topic.
                (record, ex) -> new TopicPartition(record.topic() + DeadLetters.SUFFIX, -1));
        ConsumerRecordRecoverer recoverer = (record, ex) -> {
            publisher.accept(record, ex);
            MessagingMeters.deadLetters(meters, record.topic()).increment();
        };
        MessagingProperties.Retry retry = properties.retry();
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        // Transient database failures (TransientDataAccessException, CannotGetJdbcConnectionException, ...) and
        // anything unknown are retried; these are not (deserialization failures and ClassCastException by default).
        for (Class<? extends Exception> type : NOT_RETRYABLE) {
            handler.addNotRetryableExceptions(type);
        }
        handler.addRetryableExceptions(TransientDataAccessException.class, CannotGetJdbcConnectionException.class);
        return handler;
    }

    // Writes dead letters: raw bytes for records that could not be deserialized, Avro for records that could.
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static KafkaTemplate<Object, Object> deadLetterTemplate(MessagingProperties properties,
            KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // The factory configures the delegates with these settings again, so the registry settings belong here.
        config.putAll(WireFormat.serdeProperties(properties.registryUrl()));
        AvroKafkaSerializer<SpecificRecord> avro = new AvroKafkaSerializer<>();
        avro.configure(WireFormat.serdeProperties(properties.registryUrl()), false);
        Map<Class<?>, Serializer<?>> values = new java.util.LinkedHashMap<>();
        values.put(byte[].class, new ByteArraySerializer());
        values.put(SpecificRecord.class, avro);
        Serializer keySerializer = new DelegatingByTypeSerializer(
                Map.of(String.class, new StringSerializer(), byte[].class, new ByteArraySerializer()));
        Serializer valueSerializer = new DelegatingByTypeSerializer((Map) values, true);
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(config,
                keySerializer, valueSerializer);
        return new KafkaTemplate<>(factory);
    }

    /**
     * Tags every meter with {@code application=${spring.application.name}}, so dashboards can tell services apart
     * without per-service configuration. Applied after {@code management.metrics.tags.*}, so an application tag set
     * there wins.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnProperty("spring.application.name")
    MeterFilter shopflowApplicationTag(Environment environment) {
        return MeterFilter.commonTags(Tags.of("application",
                environment.getRequiredProperty("spring.application.name")));
    }

    @Bean
    ListenerMeters shopflowListenerMeters(ObjectProvider<KafkaListenerEndpointRegistry> registry,
            ObjectProvider<MeterRegistry> meters) {
        return new ListenerMeters(registry, meters(meters));
    }

    @Bean
    RecordInterceptor<Object, Object> shopflowCorrelationInterceptor() {
        return new CorrelationRecordInterceptor();
    }

    @Bean
    KafkaAdmin.NewTopics shopflowTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        properties.topics().forEach((name, topic) -> {
            topics.add(new NewTopic(name, topic.partitions(), topic.replicas()));
            topics.add(new NewTopic(name + DeadLetters.SUFFIX, topic.partitions(), topic.replicas()));
        });
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DeadLetters deadLetters(KafkaProperties kafka) {
        return new DeadLetters(kafka.buildConsumerProperties(),
                DeadLetters.replayProducer(kafka.buildProducerProperties()));
    }

    /** Adds the library's migrations ({@code classpath:db/messaging}, versions {@code V0_*}) to the service's. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
    static class FlywayLocations {

        @Bean
        FlywayConfigurationCustomizer shopflowMessagingMigrations() {
            return configuration -> {
                List<org.flywaydb.core.api.Location> locations =
                        new ArrayList<>(List.of(configuration.getLocations()));
                org.flywaydb.core.api.Location ours = new org.flywaydb.core.api.Location("classpath:db/messaging");
                if (locations.stream().noneMatch(l -> l.getDescriptor().equals(ours.getDescriptor()))) {
                    locations.add(ours);
                }
                configuration.locations(locations.toArray(org.flywaydb.core.api.Location[]::new));
            };
        }
    }

    /** Stores the current span's traceparent with each outbox row when Micrometer Tracing is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    static class Tracing {

        @Bean
        @ConditionalOnMissingBean
        TraceContext shopflowTraceContext(ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
            return () -> {
                io.micrometer.tracing.Tracer current = tracer.getIfAvailable();
                return current == null ? null
                        : new com.shopflow.messaging.outbox.TracerTraceContext(current).currentTraceparent();
            };
        }
    }

    /** The operator view {@code /admin/outbox} in servlet web applications. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.bind.annotation.RestController")
    static class OutboxWeb {

        @Bean
        @ConditionalOnMissingBean
        com.shopflow.messaging.outbox.OutboxEndpoint outboxEndpoint(OutboxMonitor monitor) {
            return new com.shopflow.messaging.outbox.OutboxEndpoint(monitor);
        }
    }

    /** {@code /dead-letters} in servlet web applications. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.bind.annotation.RestController")
    static class DeadLetterWeb {

        @Bean
        @ConditionalOnMissingBean
        com.shopflow.messaging.deadletter.DeadLetterController deadLetterController(DeadLetters deadLetters,
                MessagingProperties properties) {
            return new com.shopflow.messaging.deadletter.DeadLetterController(deadLetters,
                    properties.topics().keySet());
        }
    }
}
