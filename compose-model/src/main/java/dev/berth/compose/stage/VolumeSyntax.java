package dev.berth.compose.stage;

import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.source.Position;
import java.nio.file.Path;

/**
 * The short volume syntax {@code [source:]target[:mode]}. A source that starts with {@code .}, {@code /} or
 * {@code ~} is a host path (a bind mount); any other source is the key of a top-level volume; no source
 * means an anonymous volume. Not yet: Windows drive-letter paths ({@code C:\...}).
 *
 * @param source null for an anonymous volume
 * @param mode   "" when not given; otherwise e.g. "ro", "rw", "ro,z"
 */
public record VolumeSyntax(String source, String target, String mode) {

    public static VolumeSyntax parse(String spec) {
        String[] parts = spec.split(":", -1);
        return switch (parts.length) {
            case 1 -> new VolumeSyntax(null, parts[0], "");
            case 2 -> new VolumeSyntax(parts[0], parts[1], "");
            default -> new VolumeSyntax(parts[0], parts[1], String.join(":", java.util.Arrays.copyOfRange(parts, 2, parts.length)));
        };
    }

    public boolean isBind() {
        return source != null && isHostPath(source);
    }

    public boolean readOnly() {
        return java.util.Arrays.asList(mode.split(",")).contains("ro");
    }

    /**
     * This entry as a service mount: a host path made absolute ({@code ~} is {@code home}, a relative path the
     * project directory's), a volume key as written, no source an anonymous volume.
     */
    public VolumeMountSpec mount(Path projectDir, String home, Position position) {
        if (source == null) {
            return new VolumeMountSpec("volume", null, target, readOnly(), position);
        }
        return isBind() ? new VolumeMountSpec("bind", hostPath(source, projectDir, home), target, readOnly(), position)
                : new VolumeMountSpec("volume", source, target, readOnly(), position);
    }

    /** A bind source made absolute: {@code ~} is {@code home}, a relative path the project directory's. */
    public static String hostPath(String source, Path projectDir, String home) {
        if (source.equals("~") || source.startsWith("~/")) {
            return Path.of(home + source.substring(1)).normalize().toString();
        }
        return projectDir.resolve(source).normalize().toString();
    }

    public static boolean isHostPath(String source) {
        return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
    }
}
