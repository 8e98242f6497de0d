package dev.berth.compose.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random compose files (comments, blank lines, quoting styles, flow and block collections, CRLF, missing
 * final newline) and random edits: every byte outside the edits stays, and the result reads back to the
 * expected tree.
 */
class EditPropertiesTest {

    record Service(String name, String image, int imageStyle, List<String> ports, boolean portsFlow,
                   Map<String, String> env, boolean envFlow, boolean commentAbove, boolean blankAfter) {
    }

    record Doc(List<Service> services, boolean crlf, boolean finalNewline, boolean headerComment) {

        String text() {
            String nl = crlf ? "\r\n" : "\n";
            StringBuilder sb = new StringBuilder();
            if (headerComment) {
                sb.append("# generated\t(with a tab)").append(nl).append(nl);
                sb.append("x-defaults: &defaults {restart: always, labels: [a, b]}").append(nl);
                sb.append("x-copy: *defaults").append(nl).append(nl);
            }
            sb.append("services:").append(nl);
            for (Service s : services) {
                if (s.commentAbove()) {
                    sb.append("  # about ").append(s.name()).append(nl);
                }
                sb.append("  ").append(s.name()).append(":   # service").append(nl);
                String image = switch (s.imageStyle()) {
                    case 0 -> ValueWriter.isSafePlain(s.image(), false) ? s.image() : ValueWriter.doubleQuoted(s.image());
                    case 1 -> "'" + s.image().replace("'", "''") + "'";
                    default -> ValueWriter.doubleQuoted(s.image());
                };
                sb.append("    image: ").append(image).append(nl);
                if (!s.ports().isEmpty()) {
                    if (s.portsFlow()) {
                        sb.append("    ports: [").append(String.join(", ", s.ports().stream().map(p -> "\"" + p + "\"").toList()))
                                .append("]").append(nl);
                    } else {
                        sb.append("    ports:").append(nl);
                        for (String p : s.ports()) {
                            sb.append("      - \"").append(p).append("\"  # port").append(nl);
                        }
                    }
                }
                if (!s.env().isEmpty()) {
                    if (s.envFlow()) {
                        List<String> pairs = s.env().entrySet().stream()
                                .map(e -> e.getKey() + ": " + ValueWriter.doubleQuoted(e.getValue())).toList();
                        sb.append("    environment: {").append(String.join(", ", pairs)).append("}").append(nl);
                    } else {
                        sb.append("    environment:").append(nl);
                        s.env().forEach((k, v) -> sb.append("      ").append(k).append(": ")
                                .append(ValueWriter.scalar(v, SourceTree.Quoting.PLAIN, false)).append(nl));
                    }
                }
                if (s.blankAfter()) {
                    sb.append(nl);
                }
            }
            sb.append("# trailing comment").append(nl);
            String text = sb.toString();
            return finalNewline ? text : text.substring(0, text.length() - nl.length());
        }
    }

    static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcxyz019:/ -#'\"{},.").ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("nginx:1.27", "yes", "no", "123", "1.5", "true", "null", "~", "a: b", "x #y", "-dash", "ü€"));
    }

    @Provide
    Arbitrary<Doc> docs() {
        Arbitrary<Service> service = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
                values(), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 65535).map(p -> p + ":80").list().ofMaxSize(3),
                Arbitraries.of(true, false),
                Arbitraries.maps(Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(4), values()).ofMaxSize(3),
                Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((n, img, st, ports, pf, env, ef, ca) -> new Service(n, img, st, ports, pf, new LinkedHashMap<>(env), ef, ca, false));
        return Combinators.combine(
                service.list().ofMinSize(1).ofMaxSize(5).uniqueElements(Service::name),
                Arbitraries.of(true, false).list().ofSize(5),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((ss, blanks, crlf, fin, header) -> {
                    List<Service> withBlanks = new ArrayList<>();
                    for (int i = 0; i < ss.size(); i++) {
                        Service s = ss.get(i);
                        withBlanks.add(new Service(s.name(), s.image(), s.imageStyle(), s.ports(), s.portsFlow(), s.env(),
                                s.envFlow(), s.commentAbove(), blanks.get(i)));
                    }
                    return new Doc(withBlanks, crlf, fin, header);
                });
    }

    /** An edit chosen by kind, service, item and value; indexes are wrapped to what exists. */
    record Pick(int kind, int service, int item, String value) {
    }

    @Provide
    Arbitrary<Pick> picks() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 99), values()).as(Pick::new);
    }

    @Property(tries = 400)
    void editsKeepEveryUntouchedByteAndReadBackAsExpected(@ForAll("docs") Doc generated, @ForAll("picks") Pick pick) {
        String text = generated.text();
        ComposeDocument doc = ComposeDocument.of("compose.yaml", text);
        assertThat(doc.parseDiagnostics()).as("generated file parses:\n" + text).isEmpty();
        Object before = PlainTree.of(doc.tree().orElseThrow());

        Service s = generated.services().get(pick.service() % generated.services().size());
        KeyPath svc = KeyPath.ROOT.key("services").key(s.name());
        List<String> envKeys = new ArrayList<>(s.env().keySet());
        EditResult result;
        Object expected;
        switch (pick.kind()) {
            case 0 -> {
                result = doc.set(svc.key("image"), pick.value());
                expected = PlainTree.set(before, svc.key("image"), pick.value());
            }
            case 1 -> {
                if (s.ports().isEmpty()) {
                    result = doc.addListItem(svc.key("ports"), pick.value());
                    expected = PlainTree.addItem(before, svc.key("ports"), pick.value());
                } else {
                    KeyPath p = svc.key("ports").index(pick.item() % s.ports().size());
                    result = doc.set(p, pick.value());
                    expected = PlainTree.set(before, p, pick.value());
                }
            }
            case 2 -> {
                if (s.ports().isEmpty()) {
                    return;
                }
                KeyPath p = svc.key("ports").index(pick.item() % s.ports().size());
                result = doc.remove(p);
                expected = PlainTree.remove(before, p);
            }
            case 3 -> {
                result = doc.addListItem(svc.key("ports"), pick.value());
                expected = PlainTree.addItem(before, svc.key("ports"), pick.value());
            }
            case 4 -> {
                String key = "K" + pick.item();
                if (s.env().containsKey(key)) {
                    return;
                }
                result = doc.addKey(svc.key("environment"), key, pick.value());
                Map<String, Object> env = new LinkedHashMap<>(s.env());
                env.put(key, pick.value());
                expected = PlainTree.set(before, svc.key("environment"), env);
            }
            case 5 -> {
                if (envKeys.isEmpty()) {
                    return;
                }
                KeyPath p = svc.key("environment").key(envKeys.get(pick.item() % envKeys.size()));
                result = pick.item() % 2 == 0 ? doc.remove(p) : doc.set(p, pick.value());
                expected = pick.item() % 2 == 0 ? PlainTree.remove(before, p) : PlainTree.set(before, p, pick.value());
            }
            case 6 -> {
                result = doc.remove(svc);
                expected = PlainTree.remove(before, svc);
            }
            case 7 -> {
                String name = "new" + pick.item();
                if (generated.services().stream().anyMatch(x -> x.name().equals(name))) {
                    return;
                }
                Map<String, Object> def = new LinkedHashMap<>();
                def.put("image", pick.value());
                def.put("ports", List.of("80:80"));
                result = doc.addService(name, def);
                expected = PlainTree.set(before, KeyPath.ROOT.key("services").key(name), def);
            }
            default -> {
                result = doc.set(svc.key("hostname"), pick.value());
                expected = PlainTree.set(before, svc.key("hostname"), pick.value());
            }
        }
        assertThat(result).as("edit %s on\n%s", pick, text).isInstanceOf(EditResult.Applied.class);
        EditResult.Applied applied = (EditResult.Applied) result;
        String after = applied.document().text();

        assertThat(TextEdit.apply(text, applied.edits())).isEqualTo(after);
        for (TextEdit e : applied.edits()) {
            assertThat(after.substring(0, e.offset())).isEqualTo(text.substring(0, e.offset()));
            assertThat(after.substring(after.length() - (text.length() - e.end()))).isEqualTo(text.substring(e.end()));
            if (generated.crlf()) {
                assertThat(e.replacement().replace("\r\n", "")).as("only CRLF line breaks inserted").doesNotContain("\n");
            }
        }
        assertThat(after.endsWith("\n")).as("final newline kept as it was").isEqualTo(generated.finalNewline());
        assertThat(applied.document().parseDiagnostics()).as("edited file parses:\n" + after).isEmpty();
        assertThat(PlainTree.of(applied.document().tree().orElseThrow())).as("edited:\n" + after).isEqualTo(expected);
    }
}
