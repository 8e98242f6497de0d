package dev.berth.compose.source;

import dev.berth.compose.stage.SideThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A large file read in two parts on two threads: the YAML parse is most of a big project's load and runs on one
 * core otherwise. The cut is made before a service key in the middle of the top-level {@code services:} block.
 * The first part is the text up to the cut, exactly; the second is blank lines, the {@code services:} line
 * where it was, blank lines again, then the text from the cut on, so every position in it is the file's.
 * Both parts must be read by the event way without a diagnostic, the first ending in {@code services:} and the
 * second starting with it, and no key may be in both; anything else (a cut inside a quoted or flow value makes
 * the first part a syntax error) is read in one piece instead. Tested equal to the one-piece read at every cut.
 */
final class ServicesSplit {

    /** Below this a second thread costs more than it gives. */
    static final int SPLIT_FROM = 256 * 1024;

    private static final String SERVICES = "services:";

    private ServicesSplit() {
    }

    /** Where the file is cut: the {@code services:} line and the first line of the second part. */
    record Cut(int servicesStart, int servicesEnd, int servicesLine, int at, int atLine) {

        String secondPart(String text) {
            StringBuilder sb = new StringBuilder(servicesLine + (atLine - servicesLine) + text.length() - at);
            sb.repeat('\n', servicesLine);
            sb.append(text, servicesStart, servicesEnd);
            sb.repeat('\n', atLine - servicesLine - 1);
            return sb.append(text, at, text.length()).toString();
        }
    }

    /** The tree of a large {@code text}, or empty when it is small or not to be cut. */
    static Optional<EventTreeReader.Result> read(String file, String text, LoadSettings settings) {
        if (text.length() < SPLIT_FROM || text.length() >= settings.getCodePointLimit()) {
            return Optional.empty(); // small, or too big for one document, which the one-piece read says
        }
        return cut(text, text.length() / 2).flatMap(cut -> read(file, text, settings, cut));
    }

    static Optional<EventTreeReader.Result> read(String file, String text, LoadSettings settings, Cut cut) {
        String second = cut.secondPart(text);
        SideThread<Optional<EventTreeReader.Result>> reading =
                SideThread.start("berth-parse", () -> EventTreeReader.read(file, second, settings));
        Optional<EventTreeReader.Result> first = EventTreeReader.read(file, text.substring(0, cut.at()), settings);
        Optional<EventTreeReader.Result> rest = reading.join();
        if (first.isEmpty() || rest.isEmpty()) {
            return Optional.empty();
        }
        return join(first.get(), rest.get(), cut);
    }

    private static Optional<EventTreeReader.Result> join(EventTreeReader.Result first, EventTreeReader.Result second,
                                                         Cut cut) {
        if (!first.diagnostics().isEmpty() || !second.diagnostics().isEmpty()
                || first.nodes() + second.nodes() > YamlReader.MAX_EXPANDED_NODES) {
            return Optional.empty();
        }
        List<YamlEntry> head = first.root().entries();
        List<YamlEntry> tail = second.root().entries();
        YamlEntry servicesBefore = head.getLast();
        YamlEntry servicesAfter = tail.getFirst();
        if (!servicesBefore.name().equals("services") || !servicesAfter.name().equals("services")
                || servicesBefore.key().position().line() != cut.servicesLine() + 1
                || !servicesBefore.key().equals(servicesAfter.key())
                || !(servicesBefore.value() instanceof YamlMap before)
                || !(servicesAfter.value() instanceof YamlMap after)) {
            return Optional.empty();
        }
        for (YamlEntry service : after.entries()) {
            if (before.has(service.name())) {
                return Optional.empty(); // a duplicate key, which the one-piece read reports
            }
        }
        for (YamlEntry top : tail.subList(1, tail.size())) {
            if (first.root().has(top.name())) {
                return Optional.empty();
            }
        }
        List<YamlEntry> services = new ArrayList<>(before.entries().size() + after.entries().size());
        services.addAll(before.entries());
        services.addAll(after.entries());
        List<YamlEntry> root = new ArrayList<>(head.size() + tail.size() - 1);
        root.addAll(head.subList(0, head.size() - 1));
        root.add(new YamlEntry(servicesBefore.key(), new YamlMap(services, before.position())));
        root.addAll(tail.subList(1, tail.size()));
        List<YamlTag> tags = new ArrayList<>(first.tags());
        tags.addAll(second.tags());
        return Optional.of(new EventTreeReader.Result(new YamlMap(root, first.root().position()), List.of(), tags,
                first.nodes() + second.nodes() - 2));
    }

    /**
     * The cut at the first service key line at or after {@code near}: a line of just {@code name:}, indented as
     * the first service is. Empty when the file has no single plain {@code services:} line with an indented
     * mapping under it, starts with a byte-order mark or a directive, breaks a line otherwise than with
     * {@code \n}, or has no such line after {@code near}.
     */
    static Optional<Cut> cut(String text, int near) {
        if (text.isEmpty() || text.charAt(0) == '\uFEFF' || text.charAt(0) == '%' || text.indexOf('\r') >= 0
                || text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0) {
            return Optional.empty(); // line breaks other than \n would make the padded part's line numbers wrong
        }
        int start = text.startsWith(SERVICES) ? 0 : text.indexOf('\n' + SERVICES) + 1;
        if (start <= 0 && !text.startsWith(SERVICES) || text.indexOf('\n' + SERVICES, start) >= 0) {
            return Optional.empty(); // none, or more than one
        }
        int end = text.indexOf('\n', start);
        if (end < 0 || !onlyBlankOrComment(text, start + SERVICES.length(), end)) {
            return Optional.empty();
        }
        int firstChild = end + 1;
        while (firstChild < text.length() && isBlankOrComment(text, firstChild)) {
            firstChild = text.indexOf('\n', firstChild) + 1;
            if (firstChild == 0) {
                return Optional.empty();
            }
        }
        int indent = 0;
        while (firstChild + indent < text.length() && text.charAt(firstChild + indent) == ' ') {
            indent++;
        }
        if (indent == 0) {
            return Optional.empty();
        }
        int line = text.indexOf('\n', Math.max(near, firstChild + 1)) + 1;
        while (line > 0 && line < text.length()) {
            if (text.charAt(line) != ' ' && text.charAt(line) != '#' && text.charAt(line) != '\n') {
                return Optional.empty(); // past the services block
            }
            if (isServiceKeyLine(text, line, indent)) {
                return Optional.of(new Cut(start, end + 1, lineNumber(text, start), line,
                        lineNumber(text, line)));
            }
            line = text.indexOf('\n', line) + 1;
        }
        return Optional.empty();
    }

    /** {@code indent} spaces, a plain key ({@code [A-Za-z0-9_][A-Za-z0-9_.-]*}), a colon, the line's end. */
    private static boolean isServiceKeyLine(String text, int line, int indent) {
        for (int i = 0; i < indent; i++) {
            if (line + i >= text.length() || text.charAt(line + i) != ' ') {
                return false;
            }
        }
        int i = line + indent;
        if (i >= text.length() || !isKeyChar(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '-') {
            return false;
        }
        while (i < text.length() && isKeyChar(text.charAt(i))) {
            i++;
        }
        return i + 1 < text.length() && text.charAt(i) == ':' && text.charAt(i + 1) == '\n';
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-';
    }

    /** A line of spaces, maybe with a comment after them. */
    private static boolean isBlankOrComment(String text, int line) {
        int i = line;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i == text.length() || text.charAt(i) == '\n' || text.charAt(i) == '#';
    }

    /** After {@code services:}: nothing, spaces, or spaces and a comment. */
    private static boolean onlyBlankOrComment(String text, int from, int to) {
        int i = from;
        while (i < to && text.charAt(i) == ' ') {
            i++;
        }
        return i == to || (i > from && text.charAt(i) == '#');
    }

    private static int lineNumber(String text, int offset) {
        int lines = 0;
        for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
            lines++;
        }
        return lines;
    }
}
