package dev.berth.compose.stage;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlTag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage 2b, extends: replaces every service that has {@code extends:} by the extended service merged with
 * its own settings (the merge rules of {@link Merger}), recursively. A service of another file has its
 * relative paths resolved against that file's directory first. Unknown services or files and cycles become
 * errors at the {@code extends} value; the service then stays as written, {@code extends} included, so that
 * later checks do not add a second error about what the base would have given (such as its image).
 */
public final class Extender {

    private final FileParser parser;
    private final Diagnostics diagnostics;
    private final Merger merger = new Merger();

    public Extender(FileParser parser, Diagnostics diagnostics) {
        this.parser = parser;
        this.diagnostics = diagnostics;
    }

    public ParsedFile apply(ParsedFile file) {
        if (!(file.root().get("services") instanceof YamlMap services)) {
            return file;
        }
        List<YamlEntry> resolved = new ArrayList<>();
        for (YamlEntry e : services.entries()) {
            resolved.add(new YamlEntry(e.key(), resolve(file, e.name(), new ArrayList<>())));
        }
        YamlMap root = file.root().with(file.root().entry("services").orElseThrow().key(),
                new YamlMap(resolved, services.position()));
        return new ParsedFile(file.path(), root, file.tags());
    }

    private YamlNode resolve(ParsedFile file, String name, List<String> chain) {
        YamlNode node = ((YamlMap) file.root().get("services")).get(name);
        if (!(node instanceof YamlMap service) || !service.has("extends")) {
            return node;
        }
        YamlNode ext = service.get("extends");
        YamlMap own = (YamlMap) Merger.remove(service, List.of("extends"));
        String path = "services." + name + ".extends";
        YamlScalar baseName = ext instanceof YamlScalar s ? s
                : ext instanceof YamlMap m && m.get("service") instanceof YamlScalar s ? s : null;
        if (baseName == null || baseName.text() == null) {
            return own; // the validator reports the shape
        }
        ParsedFile baseFile = file;
        if (ext instanceof YamlMap m && m.get("file") instanceof YamlScalar f && f.text() != null) {
            Path other = file.directory().resolve(f.text()).normalize();
            if (!Files.isRegularFile(other)) {
                diagnostics.error(f.position(), path + ".file", "service \"" + name + "\" extends a service of "
                        + other + ", which does not exist; fix the path (it is relative to " + file.fileName() + ")");
                return service;
            }
            Optional<ParsedFile> parsed = parser.parse(other);
            if (parsed.isEmpty()) {
                return service;
            }
            baseFile = parsed.get();
        }
        String link = baseFile.path().toAbsolutePath().normalize() + "#" + baseName.text();
        String self = file.path().toAbsolutePath().normalize() + "#" + name;
        if (chain.isEmpty()) {
            chain.add(self);
        }
        if (chain.contains(link)) {
            List<String> names = new ArrayList<>(chain.stream().map(l -> l.substring(l.indexOf('#') + 1)).toList());
            names.add(baseName.text());
            diagnostics.error(baseName.position(), path, "extends cycle: " + String.join(" -> ", names)
                    + "; a service cannot extend itself, directly or through others");
            return service;
        }
        YamlNode base = baseFile.root().get("services") instanceof YamlMap baseServices
                ? baseServices.get(baseName.text()) : null;
        if (!(base instanceof YamlMap)) {
            String where = baseFile == file ? "this file" : baseFile.fileName();
            diagnostics.error(baseName.position(), path + (ext instanceof YamlMap ? ".service" : ""), "service \""
                    + name + "\" extends \"" + baseName.text() + "\", which is not defined in " + where
                    + "; fix the name or define that service there");
            return service;
        }
        chain.add(link);
        YamlNode resolvedBase = resolve(baseFile, baseName.text(), chain);
        chain.removeLast();
        if (!(resolvedBase instanceof YamlMap baseMap)) {
            return own;
        }
        if (baseFile != file) {
            baseMap = (YamlMap) new RelativePaths(baseFile.directory()).service(baseMap);
        }
        // !reset and !override on the extending service act on what it inherits, as between files
        for (YamlTag tag : file.tags()) {
            List<String> p = tag.path();
            if (p.size() > 2 && p.get(0).equals("services") && p.get(1).equals(name)) {
                List<String> inService = p.subList(2, p.size());
                baseMap = (YamlMap) Merger.remove(baseMap, inService);
                if (tag.kind() == YamlTag.Kind.RESET) {
                    own = (YamlMap) Merger.remove(own, inService);
                }
            }
        }
        return merger.mergeService(name, baseMap, own);
    }
}
