package dev.berth.app.cli;

import dev.berth.engine.project.UpOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code up} and {@code create} share: what to build, pull, recreate and remove, and how many. */
final class ConvergeOptions {

    @Option(names = "--build", description = "Build images before creating containers")
    boolean build;

    @Option(names = "--no-build", description = "Build no image, even a missing one")
    boolean noBuild;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration is unchanged")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "Keep containers that exist, even when their configuration changed")
    boolean noRecreate;

    @Option(names = "--remove-orphans", arity = "0..1", paramLabel = "true|false", description = "Remove containers"
            + " of services no longer in the compose file (default: COMPOSE_REMOVE_ORPHANS; COMPOSE_IGNORE_ORPHANS=true"
            + " leaves them unmentioned)")
    boolean removeOrphans;

    @Option(names = "--pull", paramLabel = "POLICY",
            description = "Pull images always, missing (the default), never, or build them: for every service, instead of its pull_policy")
    String pull;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Run NUM replicas of SERVICE (repeatable; overrides scale: in the file)")
    Map<String, Integer> scale = new LinkedHashMap<>();

    /**
     * These options as the runtime takes them, once the ones that cannot go together are refused.
     *
     * @param waitReady   {@code up --wait}
     * @param waitTimeout how long {@code --wait} waits
     * @param command     the verb: the process environment's {@code COMPOSE_REMOVE_ORPHANS} is the flag's default and
     *                    the project environment's {@code COMPOSE_IGNORE_ORPHANS} keeps up from looking, as in v2
     */
    UpOptions toUpOptions(boolean waitReady, Duration waitTimeout, EngineCommand command) {
        refuse(build && noBuild, "--build and --no-build");
        refuse(forceRecreate && noRecreate, "--force-recreate and --no-recreate");
        if (pull != null && !List.of("always", "missing", "never", "build").contains(pull)) {
            throw new UserFacingException("--pull takes always, missing, never or build, not '" + pull + "'");
        }
        return new UpOptions(build, forceRecreate, removeOrphans, waitReady, waitTimeout).withScale(scale)
                .withPolicies(noRecreate, noBuild, pull)
                .withOrphans(orphans(command), command.setting("COMPOSE_IGNORE_ORPHANS", false));
    }

    private boolean orphans(EngineCommand command) {
        boolean remove = command.removeOrphans(removeOrphans);
        if (remove && command.setting("COMPOSE_IGNORE_ORPHANS", false)) {
            throw new UserFacingException("cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans (or"
                    + " COMPOSE_REMOVE_ORPHANS): unset one of them");
        }
        return remove;
    }

    static void refuse(boolean both, String which) {
        if (both) {
            throw new UserFacingException(which + " cannot be used together; keep one");
        }
    }
}
