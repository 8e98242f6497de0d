package dev.berth.compose;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.rules.ComposeValidator;
import dev.berth.compose.source.Position;
import dev.berth.compose.source.ProjectLocator;
import dev.berth.compose.source.ProjectSources;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.rules.ProjectChecks;
import dev.berth.compose.stage.SideThread;
import dev.berth.compose.stage.Extender;
import dev.berth.compose.stage.FileParser;
import dev.berth.compose.stage.Includer;
import dev.berth.compose.stage.ParsedFile;
import dev.berth.compose.stage.Merger;
import dev.berth.compose.stage.Normaliser;
import dev.berth.compose.stage.ServiceMemo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a compose project as {@code docker compose} v2 does, through compose-go's stages:
 * discover → parse → interpolate → include → extends (per file) → merge → validate → normalise → check.
 * Never throws for bad input: every problem is a {@link dev.berth.compose.diag.Diagnostic} in the result.
 */
public final class ComposeLoader {

    private ComposeLoader() {
    }

    public static LoadResult load(LoadOptions options) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<ProjectSources> located = new ProjectLocator(diagnostics).locate(options);
        if (located.isEmpty()) {
            return new LoadResult(null, diagnostics.all());
        }
        return load(options, located.get(), Map.of(), diagnostics);
    }

    /**
     * Every stage after discovery, for the editor: {@code sources} as discovery found them (their diagnostics
     * already in {@code diagnostics}), and {@code standIns} replacing what is on disk for some of the files
     * (keyed by absolute, normalised path), so an unsaved buffer is loaded exactly as a saved file would be.
     */
    public static LoadResult load(LoadOptions options, ProjectSources sources, Map<Path, FileParser.StandIn> standIns,
                                  Diagnostics diagnostics) {
        return load(options, sources, standIns, diagnostics, null);
    }

    /**
     * As above, reusing what {@code memo} (may be null) kept of the previous load for services whose trees are
     * the same objects as then: the editor's live document re-parses only the service being typed in, so every
     * other service's structure check, value formats and record come from the memo. Ends the memo's round.
     */
    public static LoadResult load(LoadOptions options, ProjectSources sources, Map<Path, FileParser.StandIn> standIns,
                                  Diagnostics diagnostics, ServiceMemo memo) {
        try {
            return stages(options, sources, standIns, diagnostics, memo);
        } finally {
            if (memo != null) {
                memo.endRound();
            }
        }
    }

    private static LoadResult stages(LoadOptions options, ProjectSources sources,
                                     Map<Path, FileParser.StandIn> standIns, Diagnostics diagnostics, ServiceMemo memo) {
        FileParser parser = new FileParser(sources.variables(), standIns, diagnostics);
        Includer includer = new Includer(sources.variables(), diagnostics);
        Extender extender = new Extender(parser, diagnostics);
        Merger merger = new Merger();
        YamlMap merged = null;
        for (Path file : sources.files()) {
            Optional<ParsedFile> parsed = parser.parse(file);
            if (parsed.isEmpty()) {
                return new LoadResult(null, diagnostics.all());
            }
            ParsedFile expanded = extender.apply(includer.apply(parsed.get()));
            merged = merger.merge(merged, expanded.root(), expanded.tags());
        }

        Optional<String> name = projectName(options, sources, merged, diagnostics);
        if (name.isEmpty()) {
            new ComposeValidator(diagnostics, memo).validate(merged);
            return new LoadResult(null, diagnostics.all());
        }
        YamlMap tree = merged;
        Diagnostics normalisation = new Diagnostics();
        Normaliser normaliser = new Normaliser(sources.projectDirectory(), name.get(), sources.variables(),
                profiles(options, sources), options.services(), normalisation).withMemo(memo);
        if (memo != null) {
            // the memo is one editor's, not to be shared between threads; and most services come from it anyway
            new ComposeValidator(diagnostics, memo).validate(tree);
            ComposeProject project = normaliser.normalise(tree, sources.files());
            normalisation.all().forEach(diagnostics::add);
            new ProjectChecks(diagnostics).check(project, tree);
            return new LoadResult(project, diagnostics.all(), sources.variables());
        }
        // Validation, normalisation and the project checks only read the same immutable tree (the checks also the
        // project): on two cores they overlap, with about half the work on each thread. Each part keeps its
        // diagnostics apart; they are joined in the order a sequential load gives them.
        Diagnostics structure = new Diagnostics();
        Diagnostics meaning = new Diagnostics();
        SideThread<Void> validating = SideThread.start("berth-validate", () -> {
            new ComposeValidator(structure).checkStructure(tree);
            new ComposeValidator(meaning).checkMeaning(tree);
            return null;
        });
        ComposeProject project = normaliser.normalise(tree, sources.files());
        Diagnostics formats = new Diagnostics();
        new ComposeValidator(formats).checkFormats(tree);
        Diagnostics checks = new Diagnostics();
        new ProjectChecks(checks).check(project, tree);
        validating.join();
        for (Diagnostics part : List.of(structure, formats, meaning, normalisation, checks)) {
            part.all().forEach(diagnostics::add);
        }
        return new LoadResult(project, diagnostics.all(), sources.variables());
    }

    /** {@code -p} > COMPOSE_PROJECT_NAME > top-level {@code name:} > project directory name (normalised). */
    private static Optional<String> projectName(LoadOptions options, ProjectSources sources, YamlMap merged,
                                                Diagnostics diagnostics) {
        if (options.projectName() != null) {
            return explicitName(options.projectName(), "-p", Position.UNKNOWN, diagnostics);
        }
        String fromEnv = sources.variables().get("COMPOSE_PROJECT_NAME");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return explicitName(fromEnv, "COMPOSE_PROJECT_NAME", Position.UNKNOWN, diagnostics);
        }
        if (merged.get("name") instanceof YamlScalar n && n.text() != null && !n.text().isEmpty()) {
            return explicitName(n.text(), "`name:`", n.position(), diagnostics);
        }
        Path dir = sources.projectDirectory();
        String derived = ProjectLocator.normalizeProjectName(dir.getFileName() == null ? "" : dir.getFileName().toString());
        if (derived.isEmpty()) {
            diagnostics.error(Position.UNKNOWN, "name", "cannot derive a project name from directory " + dir
                    + "; set one with -p, COMPOSE_PROJECT_NAME or a top-level `name:`");
            return Optional.empty();
        }
        return Optional.of(derived);
    }

    private static Optional<String> explicitName(String name, String source, Position position,
                                                 Diagnostics diagnostics) {
        Optional<String> invalid = ProjectLocator.invalidProjectName(name, source);
        invalid.ifPresent(message -> diagnostics.error(position, "name", message));
        return invalid.isPresent() ? Optional.empty() : Optional.of(name);
    }

    /** {@code --profile} flags, or COMPOSE_PROFILES (comma-separated) when none were given. */
    private static Set<String> profiles(LoadOptions options, ProjectSources sources) {
        Set<String> profiles = new LinkedHashSet<>(options.profiles());
        String fromEnv = sources.variables().get("COMPOSE_PROFILES");
        if (profiles.isEmpty() && fromEnv != null) {
            Arrays.stream(fromEnv.split(",")).map(String::strip).filter(p -> !p.isEmpty()).forEach(profiles::add);
        }
        return profiles;
    }
}
