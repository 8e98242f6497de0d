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
 * Values may reference the environment and earlier keys ({@code ${VAR}}) and quoted values may span lines.
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

    /** {@code format: raw}: every {@code KEY=VALUE} line taken literally, no quotes, no expansion. */
    public static Map<String, String> readRaw(Path path, Diagnostics diagnostics) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.error(new Position(path.toString(), 0, 0), "",
                    "cannot read env file " + path + ": " + e.getClass().getSimpleName() + "; check its permissions");
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (!line.isBlank() && !line.strip().startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1));
            }
        }
        return values;
    }

    /**
     * Parses dotenv lines. A value may use {@code ${VAR}} / {@code $VAR} (with the {@code :-} forms) naming the
     * environment ({@code lookup}, first) or a key defined earlier in the same file; single-quoted values are
     * literal; quoted values may span lines.
     */
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
            String raw = line.substring(eq + 1).strip();
            int first = n;
            if (raw.startsWith("\"") || raw.startsWith("'")) {
                char quote = raw.charAt(0);
                // a quoted value runs until its closing quote, possibly on a later line
                while (!closed(raw, quote) && n + 1 < lines.size()) {
                    raw = raw + "\n" + lines.get(++n);
                }
                if (!closed(raw, quote)) {
                    diagnostics.error(new Position(fileName, first + 1, eq + 2), "", "the value of " + key
                            + " opens a quote " + quote + " that is never closed; close it");
                    continue;
                }
            }
            String value = value(raw);
            if (!raw.startsWith("'") && value.indexOf('$') >= 0) {
                Map<String, String> scope = new java.util.HashMap<>(values);
                Map<String, String> visible = new java.util.AbstractMap<>() {
                    @Override
                    public String get(Object k) {
                        String v = lookup.apply((String) k);
                        return v != null ? v : scope.get(k);
                    }

                    @Override
                    public java.util.Set<Entry<String, String>> entrySet() {
                        return scope.entrySet();
                    }
                };
                value = new dev.berth.compose.stage.Interpolator(visible, diagnostics)
                        .substitute(value, new Position(fileName, first + 1, eq + 2), key);
            }
            values.put(key, value);
        }
        return values;
    }

    private static boolean closed(String raw, char quote) {
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return true;
            }
        }
        return false;
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
