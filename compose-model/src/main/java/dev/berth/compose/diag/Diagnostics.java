package dev.berth.compose.diag;

import dev.berth.compose.source.Position;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one load; each stage adds to it instead of throwing. */
public final class Diagnostics {
    private final List<Diagnostic> found = new ArrayList<>();

    public void add(Diagnostic d) {
        found.add(d);
    }

    public void error(Position position, String path, String message) {
        found.add(Diagnostic.error(position, path, message));
    }

    public void warning(Position position, String path, String message) {
        found.add(Diagnostic.warning(position, path, message));
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> all() {
        return List.copyOf(found);
    }
}
