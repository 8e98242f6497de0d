package dev.berth.app.editor;

import dev.berth.compose.edit.LineEnding;

/**
 * The editor holds text with {@code \n} line breaks; the file keeps its own. Reading turns CRLF into LF,
 * saving turns it back, so a CRLF file stays CRLF byte for byte where the user did not type.
 */
final class DiskText {

    private DiskText() {
    }

    static String toEditor(String disk) {
        return disk.indexOf('\r') < 0 ? disk : disk.replace("\r\n", "\n");
    }

    static String toDisk(String editor, LineEnding ending) {
        return ending == LineEnding.CRLF ? editor.replace("\n", "\r\n") : editor;
    }
}
