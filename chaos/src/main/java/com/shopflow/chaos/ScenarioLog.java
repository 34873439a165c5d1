package com.shopflow.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What a scenario's action noted and found while it ran. */
public final class ScenarioLog {

    private final List<String> notes = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Consumer<String> out;

    public ScenarioLog(Consumer<String> out) {
        this.out = out;
    }

    public synchronized void note(String format, Object... args) {
        String note = String.format(format, args);
        notes.add(note);
        out.accept("    " + note);
    }

    public synchronized void violation(Violation violation) {
        violations.add(violation);
        out.accept("    VIOLATION " + violation);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }
}
