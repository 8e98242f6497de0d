package dev.berth.compose.knowledge;

import dev.berth.compose.rules.ComposeKeys.Scope;
import java.util.List;
import java.util.Map;

/**
 * Values the Compose Specification enumerates, per key. An adapter until {@link dev.berth.compose.rules.KeyDoc}
 * carries them: the key names are checked against {@link dev.berth.compose.rules.ComposeKeys} by a test, so
 * this table cannot name a key the validator does not know.
 */
final class KnownValues {

    record Key(Scope scope, String name) {
    }

    static final Map<Key, List<String>> ENUMS = Map.ofEntries(
            Map.entry(new Key(Scope.SERVICE, "restart"), List.of("no", "always", "on-failure", "unless-stopped")),
            Map.entry(new Key(Scope.SERVICE, "pull_policy"), List.of("always", "never", "missing", "build", "daily", "weekly")),
            Map.entry(new Key(Scope.SERVICE, "network_mode"), List.of("bridge", "host", "none")),
            Map.entry(new Key(Scope.SERVICE, "cgroup"), List.of("host", "private")),
            Map.entry(new Key(Scope.SERVICE, "ipc"), List.of("none", "private", "shareable", "host")),
            Map.entry(new Key(Scope.SERVICE, "pid"), List.of("host")),
            Map.entry(new Key(Scope.DEPENDS_ON, "condition"),
                    List.of("service_started", "service_healthy", "service_completed_successfully")),
            Map.entry(new Key(Scope.PORT, "protocol"), List.of("tcp", "udp", "sctp")),
            Map.entry(new Key(Scope.PORT, "mode"), List.of("host", "ingress")),
            Map.entry(new Key(Scope.SERVICE_VOLUME, "type"), List.of("bind", "volume", "tmpfs", "image", "npipe", "cluster")),
            Map.entry(new Key(Scope.NETWORK, "driver"), List.of("bridge", "host", "none", "overlay", "macvlan", "ipvlan")),
            Map.entry(new Key(Scope.VOLUME, "driver"), List.of("local")));

    private KnownValues() {
    }

    static List<String> of(Scope scope, String key) {
        return ENUMS.getOrDefault(new Key(scope, key), List.of());
    }
}
