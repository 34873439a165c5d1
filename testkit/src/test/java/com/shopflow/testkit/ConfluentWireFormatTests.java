package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.shopflow.events.common.Money;
import com.shopflow.events.orders.OrderLine;
import com.shopflow.events.orders.OrderPlaced;

import com.jayway.jsonpath.JsonPath;

/**
 * Proves that what our serde puts on a topic is plain Confluent wire format: any Confluent client can take the id
 * from the record, fetch the schema from the registry's Confluent-compatible API and decode the bytes with Avro alone.
 */
class ConfluentWireFormatTests {

    private final Infrastructure infrastructure = Infrastructure.shared();

    @Test
    void orderPlacedOnTheTopicIsDecodableByAnyConfluentClient() throws Exception {
        String topic = "wire-format-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        OrderPlaced sent = orderPlaced(orderId);

        infrastructure.events().send(topic, orderId, sent);

        List<ConsumerRecord<String, byte[]>> raw = RawRecords.read(infrastructure.kafkaBootstrapServers(), topic, 1);
        byte[] bytes = raw.getFirst().value();
        assertThat(raw.getFirst().key()).isEqualTo(orderId);
        assertThat(bytes[0]).as("Confluent magic byte").isZero();
        int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(schemaId).as("schema id").isPositive();

        Schema writerSchema = new Schema.Parser().parse(schemaById(schemaId));
        assertThat(writerSchema.getFullName()).isEqualTo("com.shopflow.events.orders.OrderPlaced");

        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writerSchema).read(null,
                DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 5, bytes.length), null));

        assertThat(decoded.get("orderId").toString()).isEqualTo(orderId);
        assertThat(decoded.get("customerEmail").toString()).isEqualTo("ada@example.com");
        assertThat(decoded.get("placedAt")).isEqualTo(sent.getPlacedAt().toEpochMilli());
        GenericRecord metadata = (GenericRecord) decoded.get("metadata");
        assertThat(metadata.get("eventId").toString()).isEqualTo(sent.getMetadata().getEventId());
        assertThat(metadata.get("correlationId").toString()).isEqualTo(orderId);
        assertThat(metadata.get("sequence")).isEqualTo(1L);
        GenericRecord total = (GenericRecord) decoded.get("total");
        assertThat(total.get("amountMinor")).isEqualTo(2500L);
        assertThat(total.get("currency").toString()).isEqualTo("EUR");
        @SuppressWarnings("unchecked")
        List<GenericRecord> lines = (List<GenericRecord>) decoded.get("lines");
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().get("sku").toString()).isEqualTo("SKU-1");
        assertThat(lines.getFirst().get("quantity")).isEqualTo(2);
    }

    @Test
    void subjectIsTopicAndRecordNameInTheConfluentApiAndTheSameSchemaKeepsItsId() throws Exception {
        String topic = "subjects-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        byte[] first;
        byte[] second;
        // A fresh serializer: the shared one caches schemas by content and would reuse another topic's subject.
        try (TestEvents events = new TestEvents(infrastructure.kafkaBootstrapServers(), infrastructure.registryUrl())) {
            first = events.serialize(topic, orderPlaced(orderId));
            second = events.serialize(topic, orderPlaced(UUID.randomUUID().toString()));
        }

        HttpResponse<String> versions = get(infrastructure.registryUrl() + "/apis/ccompat/v7/subjects/" + topic
                + "-OrderPlaced/versions/latest");

        assertThat(versions.statusCode())
                .as("subjects: %s; artifacts: %s", get(infrastructure.registryCcompatUrl() + "/subjects").body(),
                        get(infrastructure.registryApiUrl() + "/search/artifacts").body())
                .isEqualTo(200);
        assertThat(JsonPath.<Integer>read(versions.body(), "$.id")).isEqualTo(ByteBuffer.wrap(first, 1, 4).getInt());
        assertThat(ByteBuffer.wrap(second, 1, 4).getInt()).isEqualTo(ByteBuffer.wrap(first, 1, 4).getInt());
    }

    static OrderPlaced orderPlaced(String orderId) {
        return OrderPlaced.newBuilder()
                .setMetadata(TestEvents.metadata(orderId, "order-service", 1))
                .setOrderId(orderId)
                .setCustomerId("customer-1")
                .setCustomerEmail("ada@example.com")
                .setLines(List.of(OrderLine.newBuilder().setSku("SKU-1").setQuantity(2).setUnitPriceMinor(1250).build()))
                .setTotal(Money.newBuilder().setAmountMinor(2500).setCurrency("EUR").build())
                .setPlacedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    private String schemaById(int id) throws IOException, InterruptedException {
        HttpResponse<String> response = get(infrastructure.registryUrl() + "/apis/ccompat/v7/schemas/ids/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.schema");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
