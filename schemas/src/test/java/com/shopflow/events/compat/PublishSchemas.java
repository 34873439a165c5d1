package com.shopflow.events.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.avro.Schema;

/**
 * Release step: writes the next {@code src/compat/<RecordName>/vN.avsc} for every event whose current schema differs
 * from its latest published version (or that has none). Run with {@code ./mvnw -pl schemas test-compile exec:java@publish}.
 */
public final class PublishSchemas {

    private PublishSchemas() {
    }

    /** Argument: the schemas module folder (defaults to the working directory); further arguments limit it to those events. */
    public static void main(String[] args) throws IOException {
        Path module = args.length > 0 ? Path.of(args[0]) : Path.of(".");
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Map<String, Schema> events = SchemaFiles.events(SchemaFiles.current(module.resolve(SchemaFiles.CURRENT_DIR)));
        Map<String, SortedMap<Integer, Schema>> published = SchemaFiles.published(module.resolve(SchemaFiles.COMPAT_DIR));
        for (Map.Entry<String, Schema> event : events.entrySet()) {
            String name = event.getKey();
            if (!only.isEmpty() && !only.contains(name)) {
                continue;
            }
            SortedMap<Integer, Schema> versions = published.getOrDefault(name, new TreeMap<>());
            String json = SchemaFiles.selfContainedJson(event.getValue());
            if (!versions.isEmpty() && SchemaFiles.selfContainedJson(versions.get(versions.lastKey())).equals(json)) {
                System.out.println(name + ": unchanged since v" + versions.lastKey());
                continue;
            }
            List<String> problems = CompatibilityGate.problems(event.getValue(), versions);
            problems.removeIf(problem -> problem.contains("no published version"));
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Not publishing " + name + ":\n  " + String.join("\n  ", problems));
            }
            int next = versions.isEmpty() ? 1 : versions.lastKey() + 1;
            Path file = module.resolve(SchemaFiles.COMPAT_DIR).resolve(name).resolve("v" + next + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
            System.out.println(name + ": published " + file);
        }
    }
}
