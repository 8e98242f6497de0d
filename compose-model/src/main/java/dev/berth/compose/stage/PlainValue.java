package dev.berth.compose.stage;

import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A YAML subtree as plain Java values (maps in file order, lists, strings, longs, doubles, booleans, nulls): how
 * the model carries the keys it prints but does not act on. A plain scalar keeps the type YAML's core schema
 * gave it; a quoted one is a string.
 */
final class PlainValue {

    private PlainValue() {
    }

    static Object of(YamlNode node) {
        return switch (node) {
            case YamlMap map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (YamlEntry e : map.entries()) {
                    out.put(e.name(), of(e.value()));
                }
                yield out;
            }
            case YamlSeq seq -> {
                List<Object> out = new ArrayList<>(seq.items().size());
                seq.items().forEach(item -> out.add(of(item)));
                yield out;
            }
            case YamlScalar scalar -> scalar(scalar);
        };
    }

    private static Object scalar(YamlScalar s) {
        if (s.quoted()) {
            return s.value();
        }
        String v = s.value();
        try {
            return switch (s.kind()) {
                case NULL -> null;
                case BOOL -> Boolean.valueOf(v.toLowerCase(Locale.ROOT));
                case INT -> v.startsWith("0x") ? Long.parseLong(v.substring(2), 16)
                        : v.startsWith("0o") ? Long.parseLong(v.substring(2), 8) : Long.parseLong(v.replace("+", ""));
                case FLOAT -> switch (v.toLowerCase(Locale.ROOT)) {
                    case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                    case "-.inf" -> Double.NEGATIVE_INFINITY;
                    case ".nan" -> Double.NaN;
                    default -> Double.valueOf(v);
                };
                case STRING -> v;
            };
        } catch (NumberFormatException tooBig) {
            return v;   // a number beyond a long keeps its digits
        }
    }
}
