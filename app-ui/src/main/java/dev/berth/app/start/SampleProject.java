package dev.berth.app.start;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * "Try the sample": the repository's {@code samples/trainingwheels}, shipped inside the app (the build copies it
 * into the resources) and written out once into a folder of the user's, so that it works from a packaged app
 * where no source tree exists, and the user may edit it freely. An existing copy is opened as it is: Berth
 * never overwrites what the user may have changed. File I/O: run off the FX thread.
 */
public final class SampleProject {
    public static final String NAME = "trainingwheels";
    private static final String RESOURCE = "samples/" + NAME + "/compose.yaml";

    private SampleProject() {
    }

    /** {@code berth.data.dir} if set, else {@code $XDG_DATA_HOME/berth}, else {@code ~/.local/share/berth}. */
    public static Path dataDirectory(Map<String, String> environment, String override, Path home) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = environment.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "berth");
        }
        return home.resolve(".local").resolve("share").resolve("berth");
    }

    public static Path standardDataDirectory() {
        return dataDirectory(System.getenv(), System.getProperty("berth.data.dir"), Path.of(System.getProperty("user.home")));
    }

    /** The sample's folder under {@code dataDirectory}, written from the app's resources when it is not there. */
    public static Path materialise(Path dataDirectory) throws IOException {
        Path target = dataDirectory.resolve("samples").resolve(NAME);
        if (Files.isRegularFile(target.resolve("compose.yaml"))) {
            return target;
        }
        URL compose = SampleProject.class.getResource(RESOURCE);
        if (compose == null) {
            throw new IOException("this build of Berth has no sample inside it (resource " + RESOURCE
                    + " is missing); open samples/" + NAME + " from Berth's source tree with Open folder… instead");
        }
        Path partial = Files.createDirectories(target.getParent()).resolve(NAME + ".partial");
        deleteTree(partial);
        withResourceFolder(compose, source -> copyTree(source, partial));
        // all or nothing: a half-written sample would be opened as it is next time
        Files.move(partial, target);
        return target;
    }

    private interface FolderAction {
        void accept(Path folder) throws IOException;
    }

    /** The sample's resource folder as a {@link Path}, whether the app runs from classes, a jar or an image. */
    private static void withResourceFolder(URL compose, FolderAction action) throws IOException {
        URI uri;
        try {
            uri = compose.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("cannot read the sample inside Berth (" + compose + ")", e);
        }
        try {
            action.accept(Path.of(uri).getParent());
        } catch (FileSystemNotFoundException notOpenYet) {
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException raced) {
                action.accept(Path.of(uri).getParent());
                return;
            }
            try (jar) {
                action.accept(jar.provider().getPath(uri).getParent());
            }
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(source)) {
            all = walk.toList();
        }
        for (Path from : all) {
            Path to = target.resolve(source.relativize(from).toString());
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.copy(from, to);
                if (from.getFileName().toString().endsWith(".cgi")) {
                    // resources lose the executable bit; the web server runs the page as a CGI script
                    to.toFile().setExecutable(true, false);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
