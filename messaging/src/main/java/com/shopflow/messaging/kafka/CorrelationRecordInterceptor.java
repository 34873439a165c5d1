package com.shopflow.messaging.kafka;

import java.nio.charset.StandardCharsets;

import com.shopflow.messaging.EventHeaders;
import com.shopflow.messaging.inbox.Inbox;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the consumed record's correlation and event ids (from its headers) in the MDC for every log line of its
 * processing, error handling and dead-lettering included.
 */
public class CorrelationRecordInterceptor implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
            Consumer<Object, Object> consumer) {
        put(Inbox.MDC_CORRELATION_ID, record.headers().lastHeader(EventHeaders.CORRELATION_ID));
        put(Inbox.MDC_EVENT_ID, record.headers().lastHeader(EventHeaders.EVENT_ID));
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        clear();
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        clear();
    }

    private static void clear() {
        MDC.remove(Inbox.MDC_CORRELATION_ID);
        MDC.remove(Inbox.MDC_EVENT_ID);
    }

    private static void put(String key, Header header) {
        if (header != null && header.value() != null) {
            MDC.put(key, new String(header.value(), StandardCharsets.UTF_8));
        }
        else {
            MDC.remove(key);
        }
    }
}
