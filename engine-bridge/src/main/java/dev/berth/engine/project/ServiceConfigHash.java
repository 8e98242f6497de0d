package dev.berth.engine.project;

import dev.berth.compose.model.HealthcheckSpec;
import dev.berth.compose.model.PortSpec;
import dev.berth.compose.model.ServiceNetwork;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeMountSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * TEMPORARY: to be replaced by {@code dev.berth.compose.print.ServiceHash.of(ServiceSpec)} from
 * compose-model once it lands (branch {@code model}).
 * <p>
 * The value of the config-hash label: a SHA-256 over everything that shapes the container. Like v2 it
 * leaves out what does not (build, depends_on, scale, profiles) and source positions, so that moving a
 * line in the file or scaling does not recreate containers. It is not byte-identical to v2's hash (which
 * hashes compose-go's JSON), so a project started by docker compose is recreated once by Berth.
 */
final class ServiceConfigHash {
    private ServiceConfigHash() {
    }

    static String of(ServiceSpec s) {
        StringBuilder b = new StringBuilder();
        field(b, "image", s.image());
        field(b, "entrypoint", s.entrypoint());
        field(b, "command", s.command());
        field(b, "environment", new TreeMap<>(s.environment()));
        StringBuilder ports = new StringBuilder();
        for (PortSpec p : s.ports()) {
            ports.append(p.hostIp()).append('|').append(p.published()).append('|').append(p.target()).append('|')
                    .append(p.protocol()).append(';');
        }
        field(b, "ports", ports);
        StringBuilder volumes = new StringBuilder();
        for (VolumeMountSpec v : s.volumes()) {
            volumes.append(v.type()).append('|').append(v.source()).append('|').append(v.target()).append('|')
                    .append(v.readOnly()).append(';');
        }
        field(b, "volumes", volumes);
        field(b, "user", s.user());
        field(b, "working_dir", s.workingDir());
        StringBuilder networks = new StringBuilder();
        for (Map.Entry<String, ServiceNetwork> n : s.networks().entrySet()) {
            ServiceNetwork sn = n.getValue();
            networks.append(n.getKey()).append('|').append(sn == null ? "" : sn.aliases() + "|" + sn.ipv4Address())
                    .append(';');
        }
        field(b, "networks", networks);
        field(b, "network_mode", s.networkMode());
        field(b, "labels", new TreeMap<>(s.labels()));
        field(b, "restart", s.restart());
        field(b, "container_name", s.containerName());
        HealthcheckSpec h = s.healthcheck();
        field(b, "healthcheck", h == null ? null : h.test() + "|" + h.interval() + "|" + h.timeout() + "|"
                + h.startPeriod() + "|" + h.retries() + "|" + h.disable());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void field(StringBuilder b, String name, Object value) {
        b.append(name).append('=').append(value).append('\n');
    }
}
