package dev.berth.compose.stage;

/**
 * Whole numbers written in ASCII digits, told without a regular expression: {@code String.matches} compiles its
 * pattern on every call, and these checks run for every service of a project.
 */
public final class Digits {

    private Digits() {
    }

    /** {@code \d+}: one or more digits. */
    public static boolean only(String text) {
        return atMost(text, Integer.MAX_VALUE);
    }

    /** {@code -?\d+}: one or more digits after an optional minus. */
    public static boolean signed(String text) {
        return only(text.startsWith("-") ? text.substring(1) : text);
    }

    /** {@code \d{1,max}}: one to {@code max} digits. */
    public static boolean atMost(String text, int max) {
        if (text.isEmpty() || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
