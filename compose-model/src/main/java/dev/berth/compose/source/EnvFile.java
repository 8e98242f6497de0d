package dev.berth.compose.source;

import dev.berth.compose.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code .env} and {@code env_file:} files the way compose's dotenv does at skeleton depth:
 * {@code KEY=VALUE} lines, optional {@code export }, {@code #} comments (also after an unquoted value),
 * single quotes (literal) and double quotes (with {@code \n}, {@code \t}, {@code \"}, {@code \\} escapes),
 * and a bare {@code KEY} taking its value from the environment (dropped when unset).
 * Not yet: {@code ${VAR}} expansion inside values, multi-line quoted values.
 */
public final class EnvFile {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private EnvFile() {
    }

    /** Reads {@code path}; the caller has checked that it exists. I/O problems become an error diagnostic. */
    public static Map<String, String> read(Path path, Function<String, String> lookup, Diagnostics diagnostics) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.error(new Position(path.toString(), 0, 0), "",
                    "cannot read env file " + path + ": " + e.getClass().getSimpleName() + "; check its permissions");
            return Map.of();
        }
        return parse(path.toString(), lines, lookup, diagnostics);
    }

    public static Map<String, String> parse(String fileName, List<String> lines, Function<String, String> lookup,
                                            Diagnostics diagnostics) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip();
            if (!KEY.matcher(key).matches()) {
                diagnostics.error(new Position(fileName, n + 1, 1), "",
                        "env file line `" + lines.get(n).strip() + "` is not KEY=VALUE; variable names use letters, "
                                + "digits and `_` and do not start with a digit");
                continue;
            }
            if (eq < 0) {
                String fromEnvironment = lookup.apply(key);
                if (fromEnvironment != null) {
                    values.put(key, fromEnvironment);
                }
                continue;
            }
            values.put(key, value(line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String value(String raw) {
        if (raw.length() >= 2 && raw.startsWith("'") && raw.indexOf('\'', 1) > 0) {
            return raw.substring(1, raw.indexOf('\'', 1));
        }
        if (raw.startsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    sb.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> next;
                    });
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }
}
