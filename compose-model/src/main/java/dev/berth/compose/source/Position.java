package dev.berth.compose.source;

/** Where a value came from: a file and a 1-based line and column. {@link #UNKNOWN} for values that no file gave. */
public record Position(String file, int line, int column) {
    public static final Position UNKNOWN = new Position("", 0, 0);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return isKnown() ? file + ":" + line + ":" + column : file;
    }
}
