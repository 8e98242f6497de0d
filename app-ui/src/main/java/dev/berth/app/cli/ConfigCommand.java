package dev.berth.app.cli;

import dev.berth.compose.ComposeLoader;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.LoadResult;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.print.ConfigPrinter;
import dev.berth.compose.print.ServiceHash;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "config", description = "Parse, resolve and print the compose file in canonical form.")
final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    BerthCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "yaml", description = "yaml or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--services", description = "Print the service names, one per line")
    boolean services;

    @Option(names = "--volumes", description = "Print the volume names, one per line")
    boolean volumes;

    @Option(names = "--profiles", description = "Print every profile named in the file, one per line")
    boolean profiles;

    @Option(names = "--images", description = "Print the image of each service (<project>-<service> when built)")
    boolean images;

    @Option(names = "--networks", description = "Print the network names, one per line")
    boolean networks;

    @Option(names = {"-q", "--quiet"}, description = "Only validate the configuration, print nothing")
    boolean quiet;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save to this file instead of printing")
    Path output;

    @Option(names = "--hash", paramLabel = "SERVICES",
            description = "Print '<service> <config hash>' for the services given (comma-separated, or '*')")
    String hash;

    @Override
    public Integer call() {
        if (output == null) {
            return print(spec.commandLine().getOut());
        }
        // written in full to a file beside the target, then moved: a failing run leaves the old file as it was
        StringWriter text = new StringWriter();
        int code = print(new PrintWriter(text));
        Path target = Path.of("").toAbsolutePath().resolve(output);
        try {
            Path parent = target.getParent();
            Path temp = Files.createTempFile(parent, ".berth-config-", ".tmp");
            Files.writeString(temp, text.toString());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserFacingException("cannot write " + target + ": " + e.getMessage()
                    + "; check that its folder exists and can be written");
        }
        return code;
    }

    private int print(PrintWriter out) {
        if (profiles) {
            // every profile named in the file, so every service must be read, whatever --profile says
            LoadOptions o = parent.project.toLoadOptions();
            LoadResult all = ComposeLoader.load(new LoadOptions(o.files(), o.projectDirectory(), o.projectName(),
                    o.envFiles(), Set.of("*"), o.environment(), o.workingDirectory()));
            if (all.project() == null || all.hasErrors()) {
                parent.project.loadOrFail(spec.commandLine().getErr());
            }
            Set<String> named = new TreeSet<>();
            all.project().services().values().forEach(s -> named.addAll(s.profiles()));
            named.forEach(out::println);
            out.flush();
            return 0;
        }
        LoadResult result = parent.project.loadOrFail(spec.commandLine().getErr());
        ComposeProject p = result.project();
        if (quiet) {
            return 0;
        }
        if (services) {
            p.services().keySet().forEach(out::println);
        } else if (networks) {
            p.networks().keySet().forEach(out::println);
        } else if (volumes) {
            p.volumes().keySet().forEach(out::println);
        } else if (images) {
            new TreeMap<>(p.services()).values().forEach(s -> out.println(image(p, s)));
        } else if (hash != null) {
            List<String> wanted = hash.strip().equals("*") ? List.copyOf(new TreeMap<>(p.services()).keySet())
                    : Arrays.stream(hash.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
            for (String name : wanted) {
                if (!p.services().containsKey(name)) {
                    throw new UserFacingException("no service '" + name + "' in project " + p.name() + " (services: "
                            + String.join(", ", p.services().keySet()) + ")");
                }
                out.println(name + " " + ServiceHash.of(p.services().get(name)));
            }
        } else {
            out.print(switch (format) {
                case "yaml" -> ConfigPrinter.yaml(p);
                case "json" -> ConfigPrinter.json(p);
                default -> throw new UserFacingException("unknown --format '" + format + "': use yaml or json");
            });
        }
        out.flush();
        return 0;
    }

    /** v2's {@code config --images}: the image, or the name a build gets, {@code <project>-<service>}. */
    static String image(ComposeProject p, ServiceSpec s) {
        return s.image() != null ? s.image() : p.name() + "-" + s.name();
    }
}
