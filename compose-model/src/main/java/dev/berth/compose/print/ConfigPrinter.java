package dev.berth.compose.print;

import dev.berth.compose.model.BuildSpec;
import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.DependencySpec;
import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.NetworkSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import dev.berth.compose.model.VolumeSpec;
import dev.berth.compose.stage.GoDuration;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Prints a resolved project in the shape of {@code docker compose config} (v2): services sorted by name,
 * every field in its long, normalised form, keys in v2's order. The printed YAML loads back into the same
 * model. Not yet: {@code create_host_path} is printed for every bind mount because the model does not
 * record whether the file used the short syntax; unused declared networks/volumes are not dropped.
 */
public final class ConfigPrinter {

    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

    private ConfigPrinter() {
    }

    public static String yaml(ComposeProject project) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(Integer.MAX_VALUE)
                .setSplitLines(false)
                .build();
        StringWriter out = new StringWriter();
        new Dump(settings).dumpNode(node(tree(project)), new StreamDataWriter() {
            @Override
            public void write(String str) {
                out.write(str);
            }

            @Override
            public void write(String str, int off, int len) {
                out.write(str, off, len);
            }
        });
        return out.toString();
    }

    /** {@code docker compose config --format json}: the same tree, as indented JSON. */
    public static String json(ComposeProject project) {
        return JsonText.pretty(tree(project));
    }

    /** The printed form as plain maps, lists, strings, numbers and booleans, in print order. */
    public static Map<String, Object> tree(ComposeProject project) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", project.name());
        Map<String, Object> services = new LinkedHashMap<>();
        new TreeMap<>(project.services()).forEach((name, s) -> services.put(name, service(s)));
        root.put("services", services);
        if (!project.networks().isEmpty()) {
            Map<String, Object> networks = new LinkedHashMap<>();
            project.networks().forEach((key, n) -> networks.put(key, network(n)));
            root.put("networks", networks);
        }
        if (!project.volumes().isEmpty()) {
            Map<String, Object> volumes = new LinkedHashMap<>();
            project.volumes().forEach((key, v) -> volumes.put(key, volume(v)));
            root.put("volumes", volumes);
        }
        return root;
    }

    /** One service in printed form, fields in v2's order (its Go struct's field order). */
    public static Map<String, Object> service(ServiceSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        putList(m, "profiles", s.profiles());
        if (s.build() != null) {
            m.put("build", build(s.build()));
        }
        if (s.command() != null) {
            m.put("command", s.command());
        }
        putText(m, "container_name", s.containerName());
        if (!s.dependsOn().isEmpty()) {
            Map<String, Object> deps = new LinkedHashMap<>();
            for (DependencySpec d : s.dependsOn()) {
                Map<String, Object> dep = new LinkedHashMap<>();
                dep.put("condition", d.condition());
                if (d.restart()) {
                    dep.put("restart", true);
                }
                dep.put("required", d.required());
                deps.put(d.service(), dep);
            }
            m.put("depends_on", deps);
        }
        if (s.entrypoint() != null) {
            m.put("entrypoint", s.entrypoint());
        }
        putMap(m, "environment", s.environment());
        if (s.healthcheck() != null) {
            m.put("healthcheck", healthcheck(s.healthcheck()));
        }
        putText(m, "image", s.image());
        putMap(m, "labels", s.labels());
        putText(m, "network_mode", s.networkMode());
        if (!s.networks().isEmpty()) {
            Map<String, Object> networks = new LinkedHashMap<>();
            s.networks().forEach((key, n) -> networks.put(key, serviceNetwork(n)));
            m.put("networks", networks);
        }
        if (!s.ports().isEmpty()) {
            m.put("ports", s.ports().stream().map(ConfigPrinter::port).toList());
        }
        putText(m, "restart", s.restart());
        if (s.scale() != 1) {
            m.put("scale", s.scale());
        }
        putText(m, "user", s.user());
        if (!s.volumes().isEmpty()) {
            m.put("volumes", s.volumes().stream().map(ConfigPrinter::mount).toList());
        }
        putText(m, "working_dir", s.workingDir());
        return m;
    }

    private static Map<String, Object> build(BuildSpec b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("context", b.context().toString());
        m.put("dockerfile", b.dockerfile());
        putMap(m, "args", b.args());
        putText(m, "target", b.target());
        return m;
    }

    private static Object serviceNetwork(ServiceNetwork n) {
        if (n.aliases().isEmpty() && n.ipv4Address() == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        putList(m, "aliases", n.aliases());
        putText(m, "ipv4_address", n.ipv4Address());
        return m;
    }

    private static Map<String, Object> port(PortSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "ingress");
        if (!p.hostIp().isEmpty()) {
            m.put("host_ip", p.hostIp());
        }
        m.put("target", p.target());
        if (p.published() != null) {
            m.put("published", String.valueOf(p.published()));
        }
        m.put("protocol", p.protocol());
        return m;
    }

    private static Map<String, Object> mount(VolumeMountSpec v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", v.type());
        putText(m, "source", v.source());
        m.put("target", v.target());
        if (v.readOnly()) {
            m.put("read_only", true);
        }
        if ("bind".equals(v.type())) {
            m.put("bind", Map.of("create_host_path", true));
        } else if ("volume".equals(v.type())) {
            m.put("volume", Map.of());
        }
        return m;
    }

    private static Map<String, Object> healthcheck(HealthcheckSpec h) {
        Map<String, Object> m = new LinkedHashMap<>();
        putList(m, "test", h.test());
        if (h.timeout() != null) {
            m.put("timeout", GoDuration.format(h.timeout()));
        }
        if (h.interval() != null) {
            m.put("interval", GoDuration.format(h.interval()));
        }
        if (h.retries() != null) {
            m.put("retries", h.retries());
        }
        if (h.startPeriod() != null) {
            m.put("start_period", GoDuration.format(h.startPeriod()));
        }
        if (h.disable()) {
            m.put("disable", true);
        }
        return m;
    }

    private static Map<String, Object> network(NetworkSpec n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        putText(m, "driver", n.driver());
        if (n.external()) {
            m.put("external", true);
        }
        putMap(m, "labels", n.labels());
        return m;
    }

    private static Map<String, Object> volume(VolumeSpec v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        putText(m, "driver", v.driver());
        if (v.external()) {
            m.put("external", true);
        }
        putMap(m, "labels", v.labels());
        return m;
    }

    private static void putText(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putList(Map<String, Object> m, String key, List<String> value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }

    private static void putMap(Map<String, Object> m, String key, Map<String, String> value) {
        if (!value.isEmpty()) {
            m.put(key, new LinkedHashMap<>(value));
        }
    }

    /** Builds snakeyaml nodes ourselves so that strings which would read back as numbers are double-quoted, as v2 prints them. */
    private static Node node(Object value) {
        return switch (value) {
            case null -> new ScalarNode(Tag.NULL, "null", ScalarStyle.PLAIN);
            case Map<?, ?> map -> {
                List<NodeTuple> tuples = new ArrayList<>();
                map.forEach((k, v) -> tuples.add(new NodeTuple(node(String.valueOf(k)), node(v))));
                yield new MappingNode(Tag.MAP, tuples, FlowStyle.BLOCK);
            }
            case List<?> list -> new SequenceNode(Tag.SEQ, list.stream().map(ConfigPrinter::node).toList(), FlowStyle.BLOCK);
            case Boolean b -> new ScalarNode(Tag.BOOL, b.toString(), ScalarStyle.PLAIN);
            case Integer i -> new ScalarNode(Tag.INT, i.toString(), ScalarStyle.PLAIN);
            default -> {
                String s = value.toString();
                boolean plainIsString = !s.isEmpty() && Tag.STR.equals(RESOLVER.resolve(s, true));
                yield new ScalarNode(Tag.STR, s, plainIsString ? ScalarStyle.PLAIN : ScalarStyle.DOUBLE_QUOTED);
            }
        };
    }
}
