package dev.berth.app.cli;

import dev.berth.compose.diag.Diagnostic;
import java.util.List;

/** {@code berth validate --format json}: a list of {file, line, column, severity, path, message}. */
final class DiagnosticsJson {
    private DiagnosticsJson() {
    }

    static String format(List<Diagnostic> diagnostics) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            json.append(i == 0 ? "\n  " : ",\n  ")
                    .append("{\"file\":").append(quote(d.position().file()))
                    .append(",\"line\":").append(d.position().line())
                    .append(",\"column\":").append(d.position().column())
                    .append(",\"severity\":").append(quote(d.severity().label()))
                    .append(",\"path\":").append(quote(d.path()))
                    .append(",\"message\":").append(quote(d.message()))
                    .append('}');
        }
        return json.append(diagnostics.isEmpty() ? "]" : "\n]").toString();
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
