package com.shopflow.events.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The compatibility gate over the real schemas, and proof that it catches each kind of breaking change. */
class SchemaCompatibilityTests {

    private static final Map<String, Schema> CURRENT = SchemaFiles.current(SchemaFiles.CURRENT_DIR);
    private static final Map<String, Schema> EVENTS = SchemaFiles.events(CURRENT);
    private static final Map<String, SortedMap<Integer, Schema>> PUBLISHED = SchemaFiles.published(SchemaFiles.COMPAT_DIR);

    @Test
    void everyEventIsCompatibleWithEveryPublishedVersionOfIt() {
        assertThat(EVENTS).containsKeys("OrderPlaced", "OrderConfirmed", "OrderCancelled", "PaymentAuthorized",
                "PaymentDeclined", "PaymentRefunded", "StockReserved", "StockRejected", "StockReleased", "NotificationSent");
        List<String> problems = new ArrayList<>();
        EVENTS.forEach((name, schema) -> problems.addAll(
                CompatibilityGate.problems(schema, PUBLISHED.getOrDefault(name, new TreeMap<>()))));
        assertThat(problems).as("schema compatibility problems").isEmpty();
    }

    @Test
    void everyFieldOfEverySchemaHasADoc() {
        List<String> problems = new ArrayList<>();
        CURRENT.values().forEach(schema -> problems.addAll(CompatibilityGate.docProblems(schema)));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPublishedSchemaStillExistsAsAnEvent() {
        assertThat(EVENTS.keySet()).containsAll(PUBLISHED.keySet());
        PUBLISHED.forEach((name, versions) -> {
            assertThat(versions).as(name).containsKey(1);
            assertThat(versions.lastKey()).as(name + ": versions are numbered without gaps").isEqualTo(versions.size());
        });
    }

    @Test
    void publishedVersionOneIsTheSelfContainedFormOfTheSchema() {
        // v1 files are SchemaFiles.selfContainedJson output; reading them back must give the same schema.
        PUBLISHED.forEach((name, versions) -> assertThat(SchemaParser.parseSingle(SchemaFiles.selfContainedJson(versions.get(1))))
                .as(name).isEqualTo(versions.get(1)));
    }

    @Test
    void addingAFieldWithADefaultPasses() {
        Schema changed = orderPlacedWith(fields -> {
            fields.add(new Schema.Field("giftMessage", Schema.create(Schema.Type.STRING), "Note printed on the parcel.", ""));
            return fields;
        });

        assertThat(CompatibilityGate.problems(changed, publishedOrderPlaced())).isEmpty();
    }

    @Test
    void addingAFieldWithoutADefaultFailsNamingTheField() {
        Schema changed = orderPlacedWith(fields -> {
            fields.add(new Schema.Field("giftMessage", Schema.create(Schema.Type.STRING), "Note printed on the parcel."));
            return fields;
        });

        assertThat(CompatibilityGate.problems(changed, publishedOrderPlaced()))
                .anySatisfy(problem -> assertThat(problem).startsWith("OrderPlaced: field 'giftMessage'").contains("BACKWARD"))
                .anySatisfy(problem -> assertThat(problem).isEqualTo("OrderPlaced: field 'giftMessage' was added after v1 without a default"));
    }

    @Test
    void removingAFieldWithoutADefaultFailsNamingTheField() {
        Schema changed = orderPlacedWith(fields -> {
            fields.removeIf(field -> field.name().equals("customerEmail"));
            return fields;
        });

        assertThat(CompatibilityGate.problems(changed, publishedOrderPlaced())).singleElement().satisfies(problem -> assertThat(problem)
                .startsWith("OrderPlaced: field 'customerEmail' is incompatible with published v1 (FORWARD")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    }

    @Test
    void removingANestedFieldWithoutADefaultFailsNamingTheNestedField() {
        Schema changed = schemaWith(orderPlacedV1(), "com.shopflow.events.common.EventMetadata", fields -> {
            fields.removeIf(field -> field.name().equals("producer"));
            return fields;
        });

        assertThat(CompatibilityGate.problems(changed, publishedOrderPlaced()))
                .singleElement().asString().startsWith("OrderPlaced: field 'metadata.producer' is incompatible with published v1");
    }

    @Test
    void renamingAFieldWithoutAnAliasFailsNamingTheField() {
        Schema changed = orderPlacedWith(fields -> fields.stream()
                .map(field -> field.name().equals("customerEmail") ? renamed(field, "email") : copy(field))
                .collect(ArrayList::new, List::add, List::addAll));

        List<String> problems = CompatibilityGate.problems(changed, publishedOrderPlaced());

        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("OrderPlaced: field 'email'").contains("BACKWARD"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("OrderPlaced: field 'customerEmail'").contains("FORWARD"));
    }

    @Test
    void changingATypeFailsNamingTheField() {
        Schema changed = orderPlacedWith(fields -> fields.stream()
                .map(field -> field.name().equals("placedAt")
                        ? new Schema.Field(field.name(), Schema.create(Schema.Type.STRING), field.doc())
                        : copy(field))
                .collect(ArrayList::new, List::add, List::addAll));

        assertThat(CompatibilityGate.problems(changed, publishedOrderPlaced()))
                .isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).startsWith("OrderPlaced: field 'placedAt' is incompatible").contains("TYPE_MISMATCH"));
    }

    @Test
    void changingANestedTypeFailsNamingTheNestedField() {
        Schema changed = schemaWith(orderPlacedV1(), "com.shopflow.events.orders.OrderLine", fields -> fields.stream()
                .map(field -> field.name().equals("quantity")
                        ? new Schema.Field(field.name(), Schema.create(Schema.Type.STRING), field.doc())
                        : copy(field))
                .collect(ArrayList::new, List::add, List::addAll));

        assertThat(CompatibilityGate.problems(changed, publishedOrderPlaced()))
                .isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).startsWith("OrderPlaced: field 'lines[].quantity' is incompatible"));
    }

    @Test
    void widenedIntToLongIsRejectedBecauseOldReadersCannotReadIt() {
        Schema changed = schemaWith(orderPlacedV1(), "com.shopflow.events.orders.OrderLine", fields -> fields.stream()
                .map(field -> field.name().equals("quantity")
                        ? new Schema.Field(field.name(), Schema.create(Schema.Type.LONG), field.doc())
                        : copy(field))
                .collect(ArrayList::new, List::add, List::addAll));

        assertThat(CompatibilityGate.problems(changed, publishedOrderPlaced())).singleElement().asString()
                .startsWith("OrderPlaced: field 'lines[].quantity' is incompatible with published v1 (FORWARD");
    }

    @Test
    void addingAnEnumSymbolPassesBecauseOldReadersFallBackToTheDefaultSymbol() {
        Schema cancelled = PUBLISHED.get("OrderCancelled").get(1);
        Schema reason = cancelled.getField("reason").schema();
        List<String> symbols = new ArrayList<>(reason.getEnumSymbols());
        symbols.add("FRAUD_SUSPECTED");
        Schema newReason = Schema.createEnum(reason.getName(), reason.getDoc(), reason.getNamespace(), symbols, reason.getEnumDefault());
        Schema changed = recordWith(cancelled, fields -> fields.stream()
                .map(field -> field.name().equals("reason") ? new Schema.Field(field, newReason) : copy(field))
                .collect(ArrayList::new, List::add, List::addAll));

        assertThat(CompatibilityGate.problems(changed, PUBLISHED.get("OrderCancelled"))).isEmpty();
    }

    @Test
    void fieldWithoutADocFailsNamingTheNestedField() {
        Schema changed = schemaWith(orderPlacedV1(), "com.shopflow.events.common.Money", fields -> fields.stream()
                .map(field -> field.name().equals("currency")
                        ? new Schema.Field(field.name(), field.schema(), " ")
                        : copy(field))
                .collect(ArrayList::new, List::add, List::addAll));

        assertThat(CompatibilityGate.problems(changed, publishedOrderPlaced()))
                .containsExactly("OrderPlaced: field 'total.currency' has no doc");
    }

    @Test
    void eventWithoutAPublishedVersionFails() {
        assertThat(CompatibilityGate.problems(orderPlacedV1(), new TreeMap<>()))
                .singleElement().asString().startsWith("OrderPlaced: no published version");
    }

    @Test
    void everyLaterPublishedVersionIsCheckedToo() {
        // A v2 that added a field with a default: dropping that field again must still be checked against v2.
        Schema v2 = orderPlacedWith(fields -> {
            fields.add(new Schema.Field("giftMessage", Schema.create(Schema.Type.STRING), "Note printed on the parcel."));
            return fields;
        });
        SortedMap<Integer, Schema> published = new TreeMap<>(publishedOrderPlaced());
        published.put(2, v2);

        assertThat(CompatibilityGate.problems(orderPlacedV1(), published))
                .singleElement().asString().startsWith("OrderPlaced: field 'giftMessage' is incompatible with published v2 (FORWARD");
    }

    private static SortedMap<Integer, Schema> publishedOrderPlaced() {
        return PUBLISHED.get("OrderPlaced");
    }

    /** The real OrderPlaced schema as published in v1, with its top-level fields changed by {@code change}. */
    private static Schema orderPlacedWith(UnaryOperator<List<Schema.Field>> change) {
        return recordWith(orderPlacedV1(), change);
    }

    /**
     * Variants start from the published text rather than src/main/avro, so that a real incompatible edit fails only the
     * gate test above, not these.
     */
    private static Schema orderPlacedV1() {
        return publishedOrderPlaced().get(1);
    }

    private static Schema recordWith(Schema record, UnaryOperator<List<Schema.Field>> change) {
        List<Schema.Field> fields = new ArrayList<>();
        record.getFields().forEach(field -> fields.add(copy(field)));
        Schema changed = Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, change.apply(fields));
        record.getAliases().forEach(changed::addAlias);
        return changed;
    }

    /**
     * The real schema text of {@code root} with the named record {@code target} changed by {@code change}, wherever it
     * occurs: the changed record is parsed first, so the root's own text picks it up by name.
     */
    private static Schema schemaWith(Schema root, String target, UnaryOperator<List<Schema.Field>> change) {
        Map<String, Schema> named = new LinkedHashMap<>();
        CompatibilityGate.walkRecords(root, (path, record) -> {
            if (record != root) {
                named.putIfAbsent(record.getFullName(), record);
            }
        });
        assertThat(named).as(target + " in " + root.getName()).containsKey(target);
        String rootText = root.toString(named.values(), false); // named types written as references
        named.put(target, recordWith(named.get(target), change));
        return new Schema.Parser().addTypes(named.values()).parse(rootText);
    }

    private static Schema.Field copy(Schema.Field field) {
        return new Schema.Field(field, field.schema());
    }

    private static Schema.Field renamed(Schema.Field field, String name) {
        return new Schema.Field(name, field.schema(), field.doc(), field.defaultVal(), field.order());
    }
}
