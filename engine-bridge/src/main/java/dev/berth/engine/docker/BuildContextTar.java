package dev.berth.engine.docker;

import com.github.dockerjava.core.GoLangFileMatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A build context as the engine's classic builder takes it, for a Dockerfile that is not a file of the context
 * ({@code build.dockerfile_inline}): a tar of the context directory without what its {@code .dockerignore}
 * excludes, plus the Dockerfile's text as one more file under a name of its own, as the docker CLI sends a
 * Dockerfile read from standard input.
 */
final class BuildContextTar {

    private BuildContextTar() {
    }

    /** Writes the tar to a temporary file (the caller deletes it) and returns it. */
    static Path write(Path context, String dockerfileName, String dockerfileText) throws IOException {
        Ignores ignores = Ignores.read(context);
        Path tar = Files.createTempFile("berth-build-context-", ".tar");
        try (OutputStream file = Files.newOutputStream(tar);
             TarArchiveOutputStream out = new TarArchiveOutputStream(file, StandardCharsets.UTF_8.name())) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(context)) {
                paths = walk.filter(p -> !p.equals(context)).sorted().toList();
            }
            for (Path path : paths) {
                String name = context.relativize(path).toString().replace('\\', '/');
                if (ignores.excludes(name) || name.equals(".dockerignore")) {
                    continue;   // .dockerignore: written below, with the Dockerfile's name added
                }
                if (Files.isSymbolicLink(path)) {
                    TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    link.setLinkName(Files.readSymbolicLink(path).toString());
                    out.putArchiveEntry(link);
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    TarArchiveEntry directory = new TarArchiveEntry(path, name + "/", LinkOption.NOFOLLOW_LINKS);
                    directory.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | permissions(path));
                    out.putArchiveEntry(directory);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    TarArchiveEntry regular = new TarArchiveEntry(path, name, LinkOption.NOFOLLOW_LINKS);
                    regular.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | permissions(path));
                    out.putArchiveEntry(regular);
                    Files.copy(path, out);
                } else {
                    continue;   // sockets, fifos, devices: the docker CLI skips them too
                }
                out.closeArchiveEntry();
            }
            addFile(out, dockerfileName, dockerfileText);
            // the engine leaves the files .dockerignore names out of COPY: so also the Dockerfile (as the CLI does)
            Path ignoreFile = context.resolve(".dockerignore");
            String ignored = Files.isRegularFile(ignoreFile) ? Files.readString(ignoreFile) : "";
            addFile(out, ".dockerignore", ignored + (ignored.isEmpty() || ignored.endsWith("\n") ? "" : "\n")
                    + dockerfileName + "\n");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tar);
            throw e;
        }
        return tar;
    }

    private static void addFile(TarArchiveOutputStream out, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(0100644);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    /** The permission bits (rwx for owner, group, others) as the tar header's mode wants them. */
    private static int permissions(Path path) throws IOException {
        int mode = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
            mode |= switch (p) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }

    /**
     * {@code .dockerignore} as the docker CLI reads it: one pattern a line, {@code #} comments, paths relative to
     * the context, a pattern that matches a directory excludes what is in it, later patterns win and {@code !}
     * takes a path back in.
     */
    record Ignores(List<String> patterns) {

        static Ignores read(Path context) throws IOException {
            Path file = context.resolve(".dockerignore");
            List<String> patterns = new ArrayList<>();
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String pattern = line.strip();
                    if (pattern.isEmpty() || pattern.startsWith("#")) {
                        continue;
                    }
                    boolean negated = pattern.startsWith("!");
                    String path = Path.of(negated ? pattern.substring(1).strip() : pattern).normalize().toString();
                    path = path.replaceFirst("^/+", "");
                    if (!path.isEmpty() && !path.equals(".")) {
                        patterns.add(negated ? "!" + path : path);
                    }
                }
            }
            return new Ignores(List.copyOf(patterns));
        }

        boolean excludes(String relative) {
            boolean excluded = false;
            for (String pattern : patterns) {
                boolean negated = pattern.startsWith("!");
                String glob = negated ? pattern.substring(1) : pattern;
                if (matchesOrParentMatches(glob, relative)) {
                    excluded = !negated;
                }
            }
            return excluded;
        }

        private static boolean matchesOrParentMatches(String glob, String relative) {
            String path = relative;
            while (true) {
                if (GoLangFileMatch.match(glob, path)) {
                    return true;
                }
                int slash = path.lastIndexOf('/');
                if (slash < 0) {
                    return false;
                }
                path = path.substring(0, slash);
            }
        }
    }
}
