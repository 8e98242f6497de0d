package dev.berth.compose.stage;

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

    public static boolean isHostPath(String source) {
        return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
    }
}
