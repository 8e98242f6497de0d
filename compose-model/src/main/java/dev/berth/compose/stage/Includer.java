package dev.berth.compose.stage;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.EnvFile;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 2a, include: loads each {@code include:} entry (a path, or {@code path} (one or a list),
 * {@code project_directory}, {@code env_file}) as its own small project (its files merged, its extends and
 * includes applied, its relative paths made absolute against its project directory) and adds its services,
 * networks, volumes, secrets and configs to the including file. A resource defined differently on both
 * sides is an error naming both files.
 */
public final class Includer {

    private static final List<String> SECTIONS = List.of("services", "networks", "volumes", "secrets", "configs");

    private final Map<String, String> environment;
    private final Diagnostics diagnostics;
    private final List<Path> chain;

    /** @param environment the variables of the including project (they win over an included env file) */
    public Includer(Map<String, String> environment, Diagnostics diagnostics) {
        this(environment, diagnostics, List.of());
    }

    private Includer(Map<String, String> environment, Diagnostics diagnostics, List<Path> chain) {
        this.environment = environment;
        this.diagnostics = diagnostics;
        this.chain = chain;
    }

    public ParsedFile apply(ParsedFile file) {
        if (!(file.root().get("include") instanceof YamlSeq entries)) {
            return file;
        }
        YamlMap root = (YamlMap) Merger.remove(file.root(), List.of("include"));
        for (YamlNode entry : entries.items()) {
            Optional<YamlMap> included = load(file, entry);
            if (included.isPresent()) {
                root = add(root, included.get(), file);
            }
        }
        return new ParsedFile(file.path(), root, file.tags());
    }

    private Optional<YamlMap> load(ParsedFile from, YamlNode entry) {
        List<YamlScalar> paths = new ArrayList<>();
        YamlScalar projectDir = null;
        List<YamlScalar> envFiles = new ArrayList<>();
        if (entry instanceof YamlScalar s && s.text() != null) {
            paths.add(s);
        } else if (entry instanceof YamlMap m) {
            paths.addAll(scalars(m.get("path")));
            projectDir = m.get("project_directory") instanceof YamlScalar d && d.text() != null ? d : null;
            envFiles.addAll(scalars(m.get("env_file")));
        }
        if (paths.isEmpty()) {
            return Optional.empty(); // the validator reports the shape
        }
        List<Path> files = new ArrayList<>();
        for (YamlScalar p : paths) {
            Path file = from.directory().resolve(p.text()).normalize();
            if (!Files.isRegularFile(file)) {
                diagnostics.error(p.position(), "include", "included file " + file + " does not exist; fix the path "
                        + "(it is relative to " + from.fileName() + ")");
                return Optional.empty();
            }
            if (chain.contains(file) || file.equals(from.path().toAbsolutePath().normalize())) {
                diagnostics.error(p.position(), "include", "include cycle: " + file + " is already being included");
                return Optional.empty();
            }
            files.add(file);
        }
        Path dir = projectDir == null ? files.getFirst().getParent()
                : from.directory().resolve(projectDir.text()).normalize();
        Map<String, String> variables = new LinkedHashMap<>();
        List<Path> envPaths = envFiles.isEmpty() ? List.of(dir.resolve(".env"))
                : envFiles.stream().map(e -> from.directory().resolve(e.text()).normalize()).toList();
        for (Path env : envPaths) {
            if (Files.isRegularFile(env)) {
                variables.putAll(EnvFile.read(env, environment::get, diagnostics));
            } else if (!envFiles.isEmpty()) {
                diagnostics.error(envFiles.getFirst().position(), "include", "env file " + env
                        + " of an include does not exist; fix the path");
            }
        }
        variables.putAll(environment);
        FileParser parser = new FileParser(variables, diagnostics);
        List<Path> nested = new ArrayList<>(chain);
        nested.add(from.path().toAbsolutePath().normalize());
        Includer inner = new Includer(environment, diagnostics, nested);
        Extender extender = new Extender(parser, diagnostics);
        Merger merger = new Merger();
        YamlMap merged = null;
        for (Path file : files) {
            Optional<ParsedFile> parsed = parser.parse(file);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            ParsedFile expanded = extender.apply(inner.apply(parsed.get()));
            merged = merger.merge(merged, expanded.root(), expanded.tags());
        }
        return Optional.of(new RelativePaths(dir).file(merged));
    }

    private YamlMap add(YamlMap root, YamlMap included, ParsedFile from) {
        for (String section : SECTIONS) {
            if (!(included.get(section) instanceof YamlMap resources)) {
                continue;
            }
            YamlMap existing = root.get(section) instanceof YamlMap m ? m : null;
            YamlMap target = existing == null ? new YamlMap(List.of(), resources.position()) : existing;
            for (YamlEntry e : resources.entries()) {
                Optional<YamlEntry> mine = target.entry(e.name());
                if (mine.isEmpty()) {
                    target = target.with(e.key(), e.value());
                } else if (!Merger.canonical(mine.get().value()).equals(Merger.canonical(e.value()))) {
                    diagnostics.error(mine.get().key().position(), section + "." + e.name(), singular(section) + " \""
                            + e.name() + "\" is defined in " + from.fileName() + " and also in the included file "
                            + e.key().position().file() + "; rename one of them, or remove it from "
                            + from.fileName());
                }
            }
            YamlScalar key = root.entry(section).map(YamlEntry::key)
                    .orElse(YamlScalar.string(section, resources.position()));
            root = root.with(key, target);
        }
        return root;
    }

    private static String singular(String section) {
        return section.substring(0, section.length() - 1);
    }

    private static List<YamlScalar> scalars(YamlNode node) {
        List<YamlScalar> out = new ArrayList<>();
        if (node instanceof YamlScalar s && s.text() != null) {
            out.add(s);
        } else if (node instanceof YamlSeq seq) {
            seq.items().forEach(i -> {
                if (i instanceof YamlScalar s && s.text() != null) {
                    out.add(s);
                }
            });
        }
        return out;
    }
}
