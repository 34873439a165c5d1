package com.shopflow.events.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.SchemaParser;

/** Loads the current schemas (src/main/avro) and the published versions (src/compat/&lt;RecordName&gt;/vN.avsc). */
final class SchemaFiles {

    /** The module's own folders; tests run with the module as working directory. */
    static final Path CURRENT_DIR = Path.of("src/main/avro");
    static final Path COMPAT_DIR = Path.of("src/compat");

    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private SchemaFiles() {
    }

    /**
     * Every named type defined in a file under {@code avroDir}, by full name. All files go through one parser, so a file
     * may use a named type from another file regardless of the order they are read in.
     */
    static Map<String, Schema> current(Path avroDir) {
        SchemaParser parser = new SchemaParser();
        List<SchemaParser.ParseResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.walk(avroDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                results.add(parser.parse(file));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Map<String, Schema> byName = new TreeMap<>();
        // mainSchema() resolves references only once every file has been parsed.
        results.forEach(result -> byName.put(result.mainSchema().getFullName(), result.mainSchema()));
        return byName;
    }

    /** The events among the current schemas: records that carry the common {@code metadata} envelope. */
    static Map<String, Schema> events(Map<String, Schema> current) {
        Map<String, Schema> events = new LinkedHashMap<>();
        current.values().stream()
                .filter(SchemaFiles::isEvent)
                .sorted(Comparator.comparing(Schema::getName))
                .forEach(schema -> events.put(schema.getName(), schema));
        return events;
    }

    static boolean isEvent(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return false;
        }
        Schema.Field metadata = schema.getField("metadata");
        return metadata != null && metadata.schema().getType() == Schema.Type.RECORD
                && metadata.schema().getName().equals("EventMetadata");
    }

    /** The published versions of every record, by simple record name and version number. */
    static Map<String, SortedMap<Integer, Schema>> published(Path compatDir) {
        Map<String, SortedMap<Integer, Schema>> all = new TreeMap<>();
        if (!Files.isDirectory(compatDir)) {
            return all;
        }
        try (Stream<Path> dirs = Files.list(compatDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                all.put(dir.getFileName().toString(), publishedVersions(dir));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return all;
    }

    private static SortedMap<Integer, Schema> publishedVersions(Path dir) throws IOException {
        SortedMap<Integer, Schema> versions = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
                if (!matcher.matches()) {
                    throw new IllegalStateException("Unexpected file " + file + ": published versions are named v1.avsc, v2.avsc, ...");
                }
                // parseSingle with a fresh parser: a published version must be self-contained.
                versions.put(Integer.parseInt(matcher.group(1)), SchemaParser.parseSingle(file));
            }
        }
        return versions;
    }

    /** The text a published version file holds: the schema with every named type it uses inlined. */
    static String selfContainedJson(Schema schema) {
        return SchemaFormatter.format("json/pretty", schema) + "\n";
    }
}
