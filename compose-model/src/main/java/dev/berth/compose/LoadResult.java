package dev.berth.compose;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.model.ComposeProject;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link ComposeLoader#load}. {@code project} is null only when a fatal problem (no file,
 * unreadable YAML, invalid project name) prevents building one; otherwise it is there even when
 * {@code diagnostics} hold errors, so an editor can still show what it understood.
 * Commands that run anything must refuse when {@link #hasErrors()}.
 *
 * @param variables what interpolation read: the process environment with the project's {@code .env} (or
 *                  {@code --env-file}) values; empty when discovery failed. Compose's own settings
 *                  ({@code COMPOSE_REMOVE_ORPHANS}, …) are read from here, as v2 reads them from the project's
 *                  environment
 */
public record LoadResult(ComposeProject project, List<Diagnostic> diagnostics, Map<String, String> variables) {

    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
        variables = variables == null ? Map.of() : variables;
    }

    public LoadResult(ComposeProject project, List<Diagnostic> diagnostics) {
        this(project, diagnostics, Map.of());
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
