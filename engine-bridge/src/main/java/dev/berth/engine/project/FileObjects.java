package dev.berth.engine.project;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.FileObjectSpec;
import dev.berth.compose.model.ServiceFileRef;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.engine.api.ContainerCreateSpec.FileCopy;
import dev.berth.engine.api.ContainerCreateSpec.Mount;
import dev.berth.engine.api.EngineException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Secrets and configs as v2 gives them to a container without swarm: a {@code file:} source is bind-mounted
 * read-only at the target; an {@code environment:} or {@code content:} source is written into the container
 * (mode 0444 unless the service says otherwise) after it is created and before it starts. External ones need
 * swarm, which Berth (like v2) does not run.
 */
final class FileObjects {
    private static final int DEFAULT_MODE = 0444;

    private FileObjects() {
    }

    static void place(ComposeProject project, ServiceSpec s, List<Mount> mounts, List<FileCopy> files)
            throws EngineException {
        place("secret", project.secrets(), s, s.secrets(), "/run/secrets/", mounts, files);
        place("config", project.configs(), s, s.configs(), "/", mounts, files);
        if (!files.isEmpty() && s.settings().readOnly()) {
            throw new EngineException(s.name(), "service " + s.name() + " is read_only, so the engine cannot write"
                    + " its secrets and configs taken from environment: or content: (" + String.join(", ",
                    files.stream().map(FileCopy::path).toList()) + ") into it",
                    "give them a file: source (bind-mounted read-only) or drop read_only: true", null);
        }
    }

    private static void place(String kind, Map<String, FileObjectSpec> defined, ServiceSpec s,
                              List<ServiceFileRef> refs, String prefix, List<Mount> mounts, List<FileCopy> files)
            throws EngineException {
        for (ServiceFileRef ref : refs) {
            FileObjectSpec def = defined.get(ref.source());
            if (def == null) {
                throw new EngineException(s.name(), "service " + s.name() + " uses " + kind + " \"" + ref.source()
                        + "\", which is not declared under the top-level " + kind + "s:",
                        "declare it under " + kind + "s: or remove it from the service", null);
            }
            String target = ref.target() == null ? prefix + ref.source()
                    : ref.target().startsWith("/") ? ref.target() : prefix + ref.target();
            if (def.external()) {
                throw new EngineException(s.name(), "service " + s.name() + ": " + kind + " \"" + ref.source()
                        + "\" is external, and external " + kind + "s exist only in swarm mode",
                        "give it a file:, environment:" + (kind.equals("config") ? " or content:" : "")
                        + " source instead of external: true", null);
            }
            if (def.file() != null) {
                if (!Files.exists(Path.of(def.file()))) {
                    throw new EngineException(s.name(), "service " + s.name() + ": " + kind + " \"" + ref.source()
                            + "\" reads " + def.file() + ", which does not exist",
                            "create the file or fix `file:` under " + kind + "s." + ref.source(), null);
                }
                mounts.add(new Mount(Mount.Type.BIND, def.file(), target, true));
                continue;
            }
            String content;
            if (def.content() != null) {
                content = def.content();
            } else if (def.environment() != null) {
                // the project's view: the process environment over .env, as v2 reads it
                content = def.environmentValue() != null ? def.environmentValue() : System.getenv(def.environment());
                if (content == null) {
                    throw new EngineException(s.name(), "service " + s.name() + ": " + kind + " \"" + ref.source()
                            + "\" takes its value from the environment variable " + def.environment()
                            + ", which is not set", "export " + def.environment() + " or set it in the project's .env"
                            + " before running up", null);
                }
            } else {
                throw new EngineException(s.name(), "service " + s.name() + ": " + kind + " \"" + ref.source()
                        + "\" has no source", "give it file:, environment:"
                        + (kind.equals("config") ? " or content:" : ""), null);
            }
            files.add(new FileCopy(target, content.getBytes(StandardCharsets.UTF_8), id(ref.uid()), id(ref.gid()),
                    ref.mode() == null ? DEFAULT_MODE : ref.mode()));
        }
    }

    private static int id(String text) {
        try {
            return text == null || text.isBlank() ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
