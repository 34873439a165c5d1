package com.shopflow.events.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.notifications.NotificationKind;
import com.shopflow.events.notifications.NotificationSent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The datum provider every serde of the wire format uses. */
class CachedDatumProviderTests {

    private final CachedDatumProvider<SpecificRecord> provider = new CachedDatumProvider<>();

    CachedDatumProviderTests() {
        WireFormat.trustEventClasses();
        provider.setUseSpecificAvroReader(true);
    }

    @Test
    void findsTheWriterAndReaderOfASchemaByInstanceAndByEquality() {
        NotificationSent event = event();
        Schema copy = new Schema.Parser().parse(NotificationSent.getClassSchema().toString());

        assertThat(provider.createDatumWriter(event, NotificationSent.getClassSchema()))
                .isSameAs(provider.createDatumWriter(event, NotificationSent.getClassSchema()))
                .isSameAs(provider.createDatumWriter(event, copy));
        assertThat(provider.createDatumReader(NotificationSent.getClassSchema()))
                .isSameAs(provider.createDatumReader(copy));
    }

    @Test
    void readsBackWhatItWroteAsTheGeneratedClass() throws IOException {
        NotificationSent event = event();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        provider.createDatumWriter(event, event.getSchema()).write(event, encoder);
        encoder.flush();

        SpecificRecord read = provider.createDatumReader(event.getSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read).isInstanceOf(NotificationSent.class).isEqualTo(event);
    }

    private static NotificationSent event() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return NotificationSent.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId("6f0c4d5e-8d8a-4c43-9a55-0d7f0b9d2a11")
                        .setOccurredAt(now).setCorrelationId("order-1").setProducer("notification-service")
                        .setSequence(1).build())
                .setOrderId("order-1")
                .setKind(NotificationKind.ORDER_RECEIVED)
                .setRecipient("ann@example.com")
                .setMessageId("<6f0c4d5e-8d8a-4c43-9a55-0d7f0b9d2a11@shopflow>")
                .setSentAt(now)
                .build();
    }
}
