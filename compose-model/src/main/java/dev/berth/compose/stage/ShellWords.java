package dev.berth.compose.stage;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code command:}/{@code entrypoint:} string into words the way compose-go does (mattn's
 * go-shellwords without variable expansion): whitespace separates words, single quotes are literal,
 * double quotes allow {@code \"} and {@code \\}, a backslash outside quotes escapes the next character.
 */
public final class ShellWords {

    /** The words, or an error message when a quote is never closed. */
    public record Split(List<String> words, String error) {
    }

    private ShellWords() {
    }

    public static Split split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return new Split(List.of(), "the " + (quote == '"' ? "double" : "single") + " quote is never closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new Split(List.copyOf(words), null);
    }
}
