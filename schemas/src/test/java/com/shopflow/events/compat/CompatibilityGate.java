package com.shopflow.events.compat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiConsumer;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * The rules a schema change must pass before it can be released; each problem is one line naming the schema and the field.
 * <ul>
 * <li>BACKWARD against every published version: the current schema reads data written with it (what the registry
 * enforces, and what a consumer upgraded before its producer needs).</li>
 * <li>FORWARD against every published version: a reader still on that version reads data written with the current
 * schema (what a consumer not yet upgraded needs when its producer goes first). This is what rejects removing a field
 * that has no default.</li>
 * <li>Every field added since v1 has a default, and every field of every record has a doc.</li>
 * </ul>
 */
final class CompatibilityGate {

    private CompatibilityGate() {
    }

    /** Everything wrong with {@code current} against its published versions (by version number); empty when it may ship. */
    static List<String> problems(Schema current, SortedMap<Integer, Schema> published) {
        List<String> problems = new ArrayList<>(docProblems(current));
        if (published.isEmpty()) {
            problems.add(current.getName() + ": no published version; add src/compat/" + current.getName()
                    + "/v1.avsc (see schemas/README.md)");
            return problems;
        }
        published.forEach((version, old) -> problems.addAll(compatibilityProblems(current, version, old)));
        problems.addAll(defaultProblems(current, published.get(published.firstKey())));
        return problems;
    }

    /** BACKWARD and FORWARD incompatibilities between the current schema and one published version. */
    static List<String> compatibilityProblems(Schema current, int version, Schema published) {
        List<String> problems = new ArrayList<>();
        if (!current.getFullName().equals(published.getFullName()) && !current.getAliases().contains(published.getFullName())) {
            problems.add(current.getName() + ": published v" + version + " is " + published.getFullName()
                    + ", but the current schema is " + current.getFullName());
        }
        report(problems, current, version, current,
                "BACKWARD: the current schema cannot read data written with v" + version,
                SchemaCompatibility.checkReaderWriterCompatibility(current, published).getResult());
        report(problems, current, version, published,
                "FORWARD: a reader on v" + version + " cannot read data written with the current schema",
                SchemaCompatibility.checkReaderWriterCompatibility(published, current).getResult());
        return problems;
    }

    private static void report(List<String> problems, Schema current, int version, Schema reader, String direction,
            SchemaCompatibilityResult result) {
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            String field = fieldPath(reader, incompatibility);
            problems.add("%s: field '%s' is incompatible with published v%d (%s): %s [%s at %s]".formatted(
                    current.getName(), field, version, direction, incompatibility.getMessage(),
                    incompatibility.getType(), incompatibility.getLocation()));
        }
    }

    /**
     * Turns an incompatibility's JSON-pointer location (e.g. {@code /fields/5/type/fields/0/type}), which counts fields
     * by position in the reader's schema, into the dotted field names a person can find ({@code total.amountMinor}).
     */
    static String fieldPath(Schema reader, Incompatibility incompatibility) {
        String path = FieldPaths.resolve(reader, incompatibility.getLocation());
        if (incompatibility.getType() == SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE
                && !path.endsWith(incompatibility.getMessage())) {
            // Here the location is the record and the message is the name of the field that has no default.
            path = path.isEmpty() ? incompatibility.getMessage() : path + "." + incompatibility.getMessage();
        }
        return path.isEmpty() ? "<root>" : path;
    }

    /**
     * Every field that the current schema has but {@code v1} had not (matched by record full name and by field name or
     * alias) must have a default, or data written with v1 could not be read.
     */
    static List<String> defaultProblems(Schema current, Schema v1) {
        Map<String, Schema> oldRecords = new HashMap<>();
        walkRecords(v1, (path, record) -> oldRecords.put(record.getFullName(), record));
        List<String> problems = new ArrayList<>();
        walkRecords(current, (path, record) -> {
            Schema old = oldRecords.get(record.getFullName());
            for (int i = 0; old == null && i < record.getAliases().size(); i++) {
                old = oldRecords.get(List.copyOf(record.getAliases()).get(i));
            }
            if (old == null) {
                return; // a record new since v1 is reached through a new field, and that field needs the default
            }
            for (Schema.Field field : record.getFields()) {
                if (!existedIn(old, field) && !field.hasDefaultValue()) {
                    problems.add("%s: field '%s' was added after v1 without a default".formatted(
                            current.getName(), path + field.name()));
                }
            }
        });
        return problems;
    }

    private static boolean existedIn(Schema oldRecord, Schema.Field field) {
        return oldRecord.getField(field.name()) != null
                || field.aliases().stream().anyMatch(alias -> oldRecord.getField(alias) != null);
    }

    /** Every field of every record reachable from {@code schema} must say what it means. */
    static List<String> docProblems(Schema schema) {
        List<String> problems = new ArrayList<>();
        walkRecords(schema, (path, record) -> {
            for (Schema.Field field : record.getFields()) {
                if (field.doc() == null || field.doc().isBlank()) {
                    problems.add("%s: field '%s' has no doc".formatted(schema.getName(), path + field.name()));
                }
            }
        });
        return problems;
    }

    /** Calls {@code visitor} with each record reachable from {@code root} and the field path prefix leading to it. */
    static void walkRecords(Schema root, BiConsumer<String, Schema> visitor) {
        walk(root, "", visitor, new HashSet<>());
    }

    private static void walk(Schema schema, String prefix, BiConsumer<String, Schema> visitor, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName() + "@" + prefix) || prefix.length() > 1_000) {
                    return;
                }
                visitor.accept(prefix, schema);
                for (Schema.Field field : schema.getFields()) {
                    walk(field.schema(), prefix + field.name() + ".", visitor, seen);
                }
            }
            case ARRAY -> walk(schema.getElementType(), prefix.isEmpty() ? "[]." : trimDot(prefix) + "[].", visitor, seen);
            case MAP -> walk(schema.getValueType(), prefix.isEmpty() ? "{}." : trimDot(prefix) + "{}.", visitor, seen);
            case UNION -> schema.getTypes().forEach(branch -> walk(branch, prefix, visitor, seen));
            default -> {
            }
        }
    }

    private static String trimDot(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
