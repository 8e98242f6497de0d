package dev.berth.compose.stage;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as compose writes them ({@code shm_size}, {@code mem_limit}, {@code deploy.resources.*.memory}):
 * a number with an optional unit b, k, m, g, t, p (optionally followed by b or ib), powers of 1024 as docker's
 * {@code units.RAMInBytes}. A bare number is bytes.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?");

    private ByteSize() {
    }

    /** Bytes, or null when {@code text} is not a size. */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        int power = "kmgtp".indexOf(m.group(2)) + 1;
        double value = Double.parseDouble(m.group(1)) * Math.pow(1024, m.group(2).isEmpty() ? 0 : power);
        return (long) value;
    }
}
