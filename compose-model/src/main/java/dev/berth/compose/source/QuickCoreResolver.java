package dev.berth.compose.source;

import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * The core schema's resolver, asked only about plain scalars that could be something other than a string.
 * snakeyaml-engine tries each candidate rule's regular expression; most values in a compose file (image names,
 * paths, {@code 8000:80}, commands) cannot match any of them, which a look at their characters tells. Those are
 * strings at once; everything else goes to the core resolver, so the result is always the core schema's.
 */
final class QuickCoreResolver implements ScalarResolver {

    /** The words that start with a letter and are not strings in the core schema (null and booleans). */
    private static final Set<String> WORDS = Set.of("null", "Null", "NULL", "true", "True", "TRUE",
            "false", "False", "FALSE");

    private final ScalarResolver core;

    QuickCoreResolver(ScalarResolver core) {
        this.core = core;
    }

    @Override
    public Tag resolve(String value, Boolean implicit) {
        if (!implicit || value.isEmpty()) {
            return core.resolve(value, implicit);
        }
        char first = value.charAt(0);
        if (isNumberStart(first)) {
            return onlyNumberCharacters(value) ? core.resolve(value, implicit) : Tag.STR;
        }
        return switch (first) {
            case 'n', 'N', 't', 'T', 'f', 'F' -> WORDS.contains(value) ? core.resolve(value, implicit) : Tag.STR;
            case '~', '<', '$', ' ' -> core.resolve(value, implicit);
            default -> Tag.STR;
        };
    }

    private static boolean isNumberStart(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }

    /** Characters of ints (decimal, 0o, 0x), floats (exponents), .inf and .nan. */
    private static boolean onlyNumberCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == '.' || c == '+' || c == '-' || c == 'x' || c == 'o'
                    || c == 'i' || c == 'n' || c == 'I' || c == 'N';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
