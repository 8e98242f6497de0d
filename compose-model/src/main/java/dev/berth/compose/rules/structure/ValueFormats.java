package dev.berth.compose.rules.structure;

import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.rules.ComposeKeys;
import dev.berth.compose.rules.ComposeKeys.Scope;
import dev.berth.compose.source.YamlEntry;
import dev.berth.compose.source.YamlMap;
import dev.berth.compose.source.YamlNode;
import dev.berth.compose.source.YamlScalar;
import dev.berth.compose.source.YamlSeq;
import dev.berth.compose.stage.Digits;
import dev.berth.compose.stage.GoDuration;
import dev.berth.compose.stage.PortSyntax;
import dev.berth.compose.stage.ServiceMemo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the schema leaves to the engine and to compose-go: the text of values. Durations, byte sizes, ports,
 * restart policies, namespace modes and the like, checked after interpolation (so {@code ${TIMEOUT}} is
 * checked as the value it became) and reported where the value was written. The rules are an ordered table of
 * path patterns, most specific first; the first rule whose pattern matches a scalar's path checks it.
 */
public final class ValueFormats {

    /** A check of one scalar's text: empty when fine, otherwise what is wrong and how to fix it. */
    @FunctionalInterface
    interface Check {
        Optional<String> problem(YamlScalar value);
    }

    /**
     * A path pattern such as {@code services.*.healthcheck.{interval,timeout}} or {@code services.*.ports.[]}:
     * segments separated by dots, {@code *} for any one name, {@code [] } for any list item, braces for choices.
     */
    record Rule(List<Set<String>> pattern, Check check) {
        static Rule of(String pattern, Check check) {
            // each segment as the set of names it accepts; "*" stays itself (any name but a list item)
            return new Rule(Arrays.stream(pattern.split("\\."))
                    .map(p -> p.startsWith("{") ? Set.of(p.substring(1, p.length() - 1).split(",")) : Set.of(p))
                    .toList(), check);
        }

        boolean matches(List<String> path) {
            if (path.size() != pattern.size()) {
                return false;
            }
            for (int i = path.size() - 1; i >= 0; i--) { // the last segment tells rules apart soonest
                Set<String> p = pattern.get(i);
                String s = path.get(i);
                boolean ok = p.contains("*") ? !s.equals("[]") : p.contains(s);
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Pattern BYTES = Pattern.compile("(?i)^\\d+(\\.\\d+)?\\s?([kmgtp]i?)?b?$");
    private static final Pattern PULL_EVERY = Pattern.compile("^every_(\\d+[wdhms])+$");
    private static final Pattern USER = Pattern.compile("^[^:\\s]+(:[^:\\s]+)?$");
    private static final Pattern EXPOSE = Pattern.compile("^\\d{1,5}(-\\d{1,5})?(/(tcp|udp|sctp))?$");

    private static final List<Rule> RULES = List.of(
            // The one owner of these formats: the Normaliser reads the values and skips a bad one silently.
            Rule.of("services.*.healthcheck.{interval,timeout,start_period,start_interval}", ValueFormats::duration),
            Rule.of("services.*.stop_grace_period", ValueFormats::duration),
            Rule.of("services.*.deploy.{update_config,rollback_config}.{delay,monitor}", ValueFormats::duration),
            Rule.of("services.*.deploy.restart_policy.{delay,window}", ValueFormats::duration),
            Rule.of("services.*.deploy.restart_policy.condition", v -> oneOf(v, "none", "on-failure", "any")),
            Rule.of("services.*.deploy.mode", v -> oneOf(v, "replicated", "global", "replicated-job", "global-job")),
            Rule.of("services.*.deploy.endpoint_mode", v -> oneOf(v, "vip", "dnsrr")),
            Rule.of("services.*.deploy.resources.{limits,reservations}.memory", ValueFormats::byteSize),
            Rule.of("services.*.deploy.resources.{limits,reservations}.cpus", ValueFormats::cpus),
            Rule.of("services.*.deploy.replicas", ValueFormats::count),
            Rule.of("services.*.volumes.[].tmpfs.size", ValueFormats::byteSize),
            Rule.of("services.*.volumes.[].bind.propagation",
                    v -> oneOf(v, "rprivate", "private", "rshared", "shared", "rslave", "slave")),
            Rule.of("services.*.ports.[].target", ValueFormats::port),
            Rule.of("services.*.ports.[].published", ValueFormats::publishedPort),
            Rule.of("services.*.ports.[].protocol", v -> oneOf(v, "tcp", "udp", "sctp")),
            Rule.of("services.*.ports.[].mode", v -> oneOf(v, "host", "ingress")),
            Rule.of("services.*.ports.[]", ValueFormats::shortPort),
            Rule.of("services.*.expose.[]", ValueFormats::expose),
            Rule.of("services.*.{shm_size,mem_limit,mem_reservation}", ValueFormats::byteSize),
            Rule.of("services.*.build.shm_size", ValueFormats::byteSize),
            Rule.of("services.*.memswap_limit", v -> "-1".equals(v.value()) ? Optional.empty() : byteSize(v)),
            Rule.of("services.*.cpus", ValueFormats::cpus),
            Rule.of("services.*.scale", ValueFormats::count),
            Rule.of("services.*.restart", ValueFormats::restart),
            Rule.of("services.*.pull_policy", ValueFormats::pullPolicy),
            Rule.of("services.*.network_mode", v -> namespace(v, "bridge, host, none, service:<name> or container:<id>",
                    "bridge", "host", "none", "default", "*")),
            Rule.of("services.*.ipc", v -> namespace(v, "shareable, private, host, none, service:<name> or container:<id>",
                    "shareable", "private", "host", "none")),
            Rule.of("services.*.pid", v -> namespace(v, "host, service:<name> or container:<id>", "host")),
            Rule.of("services.*.user", v -> USER.matcher(v.value()).matches() ? Optional.empty()
                    : Optional.of("user \"" + v.value() + "\" must be a user or uid, optionally with :group or :gid, "
                    + "e.g. \"1000:1000\" or \"www-data\"")));

    /** The rules by the last segment of their pattern, in table order: a scalar is matched only against these. */
    private static final Map<String, List<Rule>> BY_LAST_SEGMENT = new HashMap<>();

    /**
     * For each depth under a service, the names (or {@code []}) some rule's path has there: the walk goes into a
     * key only when a rule could be at its end or below it, so {@code environment}, {@code labels} and the like
     * are not walked at all.
     */
    private static final List<Set<String>> NAMES_AT_DEPTH = new ArrayList<>();

    static {
        for (Rule rule : RULES) {
            for (int depth = 2; depth < rule.pattern().size(); depth++) {
                while (NAMES_AT_DEPTH.size() <= depth) {
                    NAMES_AT_DEPTH.add(new java.util.HashSet<>());
                }
                NAMES_AT_DEPTH.get(depth).addAll(rule.pattern().get(depth));
            }
        }
        for (Rule rule : RULES) {
            if (!rule.pattern().getFirst().equals(Set.of("services"))) {
                throw new IllegalStateException("value rules apply under services only: " + rule);
            }
            for (String last : rule.pattern().getLast()) {
                BY_LAST_SEGMENT.computeIfAbsent(last, k -> new ArrayList<>()).add(rule);
            }
        }
    }

    private Diagnostics diagnostics;
    private final ServiceMemo memo;

    public ValueFormats(Diagnostics diagnostics) {
        this(diagnostics, null);
    }

    /** With {@code memo}, services whose trees did not change since the memo's last round are not walked again. */
    public ValueFormats(Diagnostics diagnostics, ServiceMemo memo) {
        this.diagnostics = diagnostics;
        this.memo = memo;
    }

    /** Every rule's path starts with {@code services.*}, so only the services are walked. */
    public void check(YamlMap file) {
        if (!(file.get("services") instanceof YamlMap services)) {
            return;
        }
        for (YamlEntry e : services.entries()) {
            if (memo == null) {
                service(e);
            } else {
                memo.reuse("formats", e.name(), e.value(), null, diagnostics, own -> {
                    Diagnostics outer = diagnostics;
                    diagnostics = own;
                    try {
                        service(e);
                    } finally {
                        diagnostics = outer;
                    }
                    return Boolean.TRUE;
                });
            }
        }
    }

    private void service(YamlEntry e) {
        List<String> segments = new ArrayList<>(List.of("services", e.name()));
        List<String> written = new ArrayList<>(List.of("services", "." + e.name()));
        walk(e.value(), segments, written);
    }

    /**
     * {@code segments} is the path as rules read it ({@code []} for any item), {@code written} the same path
     * in fragments (".name", "[i]"); it is spelt out only for a message.
     */
    private void walk(YamlNode node, List<String> segments, List<String> written) {
        switch (node) {
            case YamlMap map -> {
                for (YamlEntry e : map.entries()) {
                    if (e.name().startsWith("x-") || !mayLeadToARule(segments.size(), e.name())) {
                        continue;
                    }
                    segments.add(e.name());
                    written.add("." + e.name());
                    walk(e.value(), segments, written);
                    segments.removeLast();
                    written.removeLast();
                }
            }
            case YamlSeq seq -> {
                if (!mayLeadToARule(segments.size(), "[]")) {
                    return;
                }
                segments.add("[]");
                for (int i = 0; i < seq.items().size(); i++) {
                    written.add("[" + i + "]");
                    walk(seq.items().get(i), segments, written);
                    written.removeLast();
                }
                segments.removeLast();
            }
            case YamlScalar scalar -> {
                if (scalar.isNull() || scalar.kind() == YamlScalar.Kind.BOOL) {
                    return;
                }
                List<Rule> candidates = BY_LAST_SEGMENT.get(segments.getLast());
                if (candidates == null) {
                    return;
                }
                for (Rule rule : candidates) {
                    if (rule.matches(segments)) {
                        rule.check().problem(scalar)
                                .ifPresent(p -> diagnostics.error(scalar.position(), path(written), p));
                        return;
                    }
                }
            }
        }
    }

    private static boolean mayLeadToARule(int depth, String name) {
        if (depth < 2) {
            return true;
        }
        if (depth >= NAMES_AT_DEPTH.size()) {
            return false;
        }
        Set<String> names = NAMES_AT_DEPTH.get(depth);
        return names.contains(name) || (names.contains("*") && !name.equals("[]"));
    }

    private static String path(List<String> written) {
        String path = String.join("", written); // keys are written ".name", items "[i]"
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static boolean isString(YamlScalar v) {
        return v.kind() == YamlScalar.Kind.STRING;
    }

    static Optional<String> duration(YamlScalar v) {
        if (!isString(v) || GoDuration.parse(v.value()) != null) {
            return Optional.empty();
        }
        return Optional.of("\"" + v.value() + "\" is not a duration; write a number with a unit (h, m, s, ms, us, ns), "
                + "e.g. \"30s\", \"1m30s\" or \"500ms\"");
    }

    static Optional<String> byteSize(YamlScalar v) {
        if (!isString(v) || BYTES.matcher(v.value().strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of("\"" + v.value() + "\" is not a size; write bytes or a number with a unit (b, k, m, g), "
                + "e.g. \"512m\", \"1gb\" or 134217728");
    }

    static Optional<String> cpus(YamlScalar v) {
        try {
            if (Double.parseDouble(v.value().strip()) >= 0) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Optional.of("cpus \"" + v.value() + "\" must be a non-negative number of CPUs, e.g. 0.5 or 2");
    }

    static Optional<String> count(YamlScalar v) {
        return Digits.only(v.value().strip()) ? Optional.empty()
                : Optional.of("\"" + v.value() + "\" must be a whole number of containers, e.g. 2");
    }

    static Optional<String> port(YamlScalar v) {
        String text = v.value().strip();
        if (Digits.atMost(text, 5) && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 65535) {
            return Optional.empty();
        }
        return Optional.of("container port \"" + v.value() + "\" is out of range or not a number; use 1-65535, e.g. 80");
    }

    static Optional<String> publishedPort(YamlScalar v) {
        String text = v.value().strip();
        if (text.isEmpty() || isPortOrRange(text) && Arrays.stream(text.split("-"))
                .mapToInt(Integer::parseInt).allMatch(p -> p >= 0 && p <= 65535)) {
            return Optional.empty();
        }
        return Optional.of("published port \"" + v.value() + "\" must be a host port or range within 0-65535, "
                + "e.g. 8080 or \"8000-8010\"");
    }

    /** {@code \d{1,5}(-\d{1,5})?} */
    private static boolean isPortOrRange(String text) {
        int dash = text.indexOf('-');
        return dash < 0 ? Digits.atMost(text, 5)
                : Digits.atMost(text.substring(0, dash), 5) && Digits.atMost(text.substring(dash + 1), 5);
    }

    static Optional<String> shortPort(YamlScalar v) {
        PortSyntax.Parsed parsed = PortSyntax.parse(v.value(), v.position());
        return parsed.ok() ? Optional.empty() : Optional.of(parsed.error());
    }

    static Optional<String> expose(YamlScalar v) {
        String text = v.value().strip();
        return EXPOSE.matcher(text).matches() && Arrays.stream(text.replaceAll("/.*", "").split("-"))
                .mapToInt(Integer::parseInt).allMatch(p -> p >= 1 && p <= 65535) ? Optional.empty()
                : Optional.of("exposed port \"" + v.value() + "\" must be a port or range with an optional protocol, "
                + "e.g. \"3000\" or \"8000-8010/udp\"");
    }

    static Optional<String> restart(YamlScalar v) {
        String text = v.value();
        if (text.equals("no") || text.equals("always") || text.equals("unless-stopped") || text.equals("on-failure")
                || text.startsWith("on-failure:") && Digits.only(text.substring("on-failure:".length()))) {
            return Optional.empty();
        }
        return Optional.of("invalid restart policy \"" + text + "\"; use no, always, on-failure[:max-retries] or "
                + "unless-stopped" + suggestion(text, "no", "always", "on-failure", "unless-stopped"));
    }

    static Optional<String> pullPolicy(YamlScalar v) {
        String text = v.value();
        List<String> known = List.of("always", "never", "missing", "build", "if_not_present", "refresh", "daily", "weekly");
        // what the schema's unanchored pattern refuses, the structure check has reported already
        if (known.contains(text) || PULL_EVERY.matcher(text).matches()
                || !ComposeKeys.form(Scope.SERVICE, "pull_policy").map(f -> f instanceof Form.Scalar sc
                && sc.pattern() != null && sc.pattern().matcher(text).find()).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of("invalid pull_policy \"" + text + "\"; use always, never, missing, build, daily, weekly or "
                + "every_<duration> such as every_12h" + suggestion(text, known.toArray(String[]::new)));
    }

    /**
     * Namespace modes: one of {@code words}, or {@code service:<name>} / {@code container:<id>} with a name.
     * A {@code "*"} word means any other word is fine too (network_mode takes custom network names).
     */
    static Optional<String> namespace(YamlScalar v, String expected, String... words) {
        String text = v.value();
        List<String> allowed = Arrays.asList(words);
        if (text.isEmpty() || allowed.contains(text) || text.matches("(service|container):\\S+")) {
            return Optional.empty();
        }
        if (allowed.contains("*") && !text.contains(":")) {
            return Optional.empty();
        }
        return Optional.of("\"" + text + "\" is not a valid mode; use " + expected
                + suggestion(text, allowed.stream().filter(w -> !w.equals("*")).toArray(String[]::new)));
    }

    static Optional<String> oneOf(YamlScalar v, String... values) {
        return Arrays.asList(values).contains(v.value()) ? Optional.empty()
                : Optional.of("\"" + v.value() + "\" is not one of " + String.join(", ", values)
                + suggestion(v.value(), values));
    }

    private static String suggestion(String written, String... candidates) {
        return ComposeKeys.closest(written, List.of(candidates)).map(s -> " — did you mean `" + s + "`?").orElse("");
    }
}
