package dev.berth.compose;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.model.ComposeProject;
import java.util.List;

/**
 * The outcome of {@link ComposeLoader#load}. {@code project} is null only when a fatal problem (no file,
 * unreadable YAML, invalid project name) prevents building one; otherwise it is there even when
 * {@code diagnostics} hold errors, so an editor can still show what it understood.
 * Commands that run anything must refuse when {@link #hasErrors()}.
 */
public record LoadResult(ComposeProject project, List<Diagnostic> diagnostics) {

    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }
}
