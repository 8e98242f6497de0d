package dev.berth.compose.edit;

/** The line break a file uses; inserted lines use the same so a CRLF file stays CRLF. */
public enum LineEnding {
    LF("\n"), CRLF("\r\n");

    private final String text;

    LineEnding(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The style of the first line break; LF for a file with none. */
    public static LineEnding of(String text) {
        int nl = text.indexOf('\n');
        return nl > 0 && text.charAt(nl - 1) == '\r' ? CRLF : LF;
    }
}
