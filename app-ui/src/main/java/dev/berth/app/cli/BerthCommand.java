package dev.berth.app.cli;

import dev.berth.engine.api.EngineException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code berth}: the command-line face of Berth, mirroring {@code docker compose}'s global flags and
 * verbs. With no verb and a display it opens the window; with no display it prints help.
 */
@Command(name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = BerthCommand.Version.class,
        description = "Run multi-container (Compose) projects: the commands of `docker compose`, and a window.")
public final class BerthCommand implements Runnable {

    /** The verbs, in the order help lists them. */
    private static final Map<String, Class<?>> VERBS = verbs(
            ConfigCommand.class, ValidateCommand.class, UpCommand.class, PsCommand.class,
            LogsCommand.class, DownCommand.class, GuiCommand.class,
            CreateCommand.class, StartCommand.class, StopCommand.class, RestartCommand.class,
            KillCommand.class, RmCommand.class, PauseCommand.class, UnpauseCommand.class,
            LsCommand.class, TopCommand.class, PortCommand.class, ImagesCommand.class,
            EventsCommand.class, BuildCommand.class, PullCommand.class, ExecCommand.class, RunCommand.class,
            ScaleCommand.class, LocalEngineCommand.class, VmCommand.class);

    /** The global options that take a value: the word after them is not the verb. */
    private static final Set<String> GLOBAL_OPTIONS_WITH_VALUE =
            Set.of("-f", "--file", "-p", "--project-name", "--project-directory", "--env-file", "--profile");

    @Mixin
    ProjectOptions project;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (GuiCommand.displayAvailable()) {
            new GuiCommand().open(project, null);
        } else {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** Runs the command line and returns the exit code; bad input and engine failures print a message, not a trace. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, printing to the given writers (tests read them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new BerthCommand());
        // Picocli reads every verb's options when it registers the verb; a command needs only its own (a
        // tenth of a second of every command's start). Help, no verb or an unknown one get them all.
        Class<?> verb = VERBS.get(verb(args));
        for (Class<?> v : verb != null ? List.<Class<?>>of(verb) : VERBS.values()) {
            cli.addSubcommand(v);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(BerthCommand::report);
        // every verb answers -h/--help, as docker compose's do; -V/--version too, unless the verb has its own -V
        // (up -V is --renew-anon-volumes, as in v2)
        cli.getSubcommands().values().forEach(sub -> {
            CommandLine.Model.CommandSpec verbSpec = sub.getCommandSpec();
            if (verbSpec.findOption("-V") == null) {
                verbSpec.mixinStandardHelpOptions(true);
            } else {
                verbSpec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
        });
        // `exec web sh -c 'ls -l'`: after the service, every word belongs to the command, options included
        for (String name : new String[] {"exec", "run"}) {
            if (cli.getSubcommands().containsKey(name)) {
                cli.getSubcommands().get(name).setStopAtPositional(true);
            }
        }
        return cli.execute(args);
    }

    /** The first word that is neither a global option nor an option's value, or null. */
    static String verb(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("-")) {
                if (GLOBAL_OPTIONS_WITH_VALUE.contains(arg)) {
                    i++;
                }
                continue;
            }
            return arg;
        }
        return null;
    }

    private static Map<String, Class<?>> verbs(Class<?>... commands) {
        Map<String, Class<?>> verbs = new LinkedHashMap<>();
        for (Class<?> c : commands) {
            verbs.put(c.getAnnotation(Command.class).name(), c);
        }
        return verbs;
    }

    private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        switch (e) {
            case EngineException engine -> err.println("error: " + engine.describe());
            case UserFacingException user -> err.println("error: " + user.getMessage());
            default -> {
                err.println("error: " + e);
                if (System.getenv("BERTH_DEBUG") != null) {
                    e.printStackTrace(err);
                } else {
                    err.println("  (this is a bug in Berth; run with BERTH_DEBUG=1 to see where it happened)");
                }
            }
        }
        err.flush();
        return e instanceof UserFacingException user ? user.exitCode() : 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BerthCommand.class.getPackage().getImplementationVersion();
            return new String[] {"berth " + (v == null ? "(development build)" : v)};
        }
    }
}
