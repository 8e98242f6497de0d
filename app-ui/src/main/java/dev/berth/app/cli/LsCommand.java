package dev.berth.app.cli;

import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.project.ComposeRuntime;
import dev.berth.engine.project.ProjectSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Needs no compose file: the projects are found on the engine by their containers' labels. */
@Command(name = "ls", description = "List the compose projects on the engine (started by Berth or by docker compose).")
final class LsCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Show stopped projects too")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "Only print project names")
    boolean quiet;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws EngineException {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UserFacingException("--format takes table or json, not '" + format + "'");
        }
        List<ProjectSummary> projects;
        try (ComposeRuntime runtime = ComposeRuntime.connect(
                EndpointResolver.resolve(System.getenv(), Path.of(System.getProperty("user.home"))))) {
            projects = runtime.projects(all);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (quiet) {
            projects.forEach(p -> out.println(p.name()));
        } else if (format.equals("json")) {
            StringBuilder json = new StringBuilder("[");
            for (ProjectSummary p : projects) {
                json.append(json.length() == 1 ? "" : ",").append("{\"Name\":").append(DiagnosticsJson.quote(p.name()))
                        .append(",\"Status\":").append(DiagnosticsJson.quote(p.status()))
                        .append(",\"ConfigFiles\":").append(DiagnosticsJson.quote(String.join(",", p.configFiles())))
                        .append('}');
            }
            out.println(json.append(']'));
        } else {
            String row = "%-30s %-30s %s%n";
            out.printf(row, "NAME", "STATUS", "CONFIG FILES");
            projects.forEach(p -> out.printf(row, p.name(), p.status(), String.join(",", p.configFiles())));
        }
        out.flush();
        return 0;
    }
}
