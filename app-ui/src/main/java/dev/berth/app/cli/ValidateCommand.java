package dev.berth.app.cli;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadResult;
import dev.berth.compose.diag.Diagnostic;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate",
        description = "Check the compose files; print file:line:col: severity: message for each problem. Exits 1 on errors.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    BerthCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        LoadResult result = ComposeLoader.load(parent.project.toLoadOptions());
        Timings.report(spec.commandLine().getErr(), "validate", "load " + Timings.since(started) + " ms");
        var out = spec.commandLine().getOut();
        switch (format) {
            case "text" -> result.diagnostics().forEach(d -> out.println(d.format()));
            case "json" -> out.println(DiagnosticsJson.format(result.diagnostics()));
            default -> throw new UserFacingException("unknown --format '" + format + "': use text or json");
        }
        out.flush();
        return result.diagnostics().stream().anyMatch(Diagnostic::isError) ? 1 : 0;
    }
}
