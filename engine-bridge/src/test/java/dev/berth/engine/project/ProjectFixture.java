package dev.berth.engine.project;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link ComposeProject} values by hand, as the loader would produce them, until
 * {@code dev.berth.compose.ComposeLoader} lands. Every project gets its default network.
 */
final class ProjectFixture {
    private final String name;
    private final Path dir;
    private final Map<String, ServiceSpec> services = new LinkedHashMap<>();
    private final Map<String, NetworkSpec> networks = new LinkedHashMap<>();
    private final Map<String, VolumeSpec> volumes = new LinkedHashMap<>();

    ProjectFixture(String name, Path dir) {
        this.name = name;
        this.dir = dir;
        networks.put("default", new NetworkSpec("default", name + "_default", false, null, Map.of()));
    }

    ProjectFixture volume(String key) {
        volumes.put(key, new VolumeSpec(key, name + "_" + key, false, null, Map.of()));
        return this;
    }

    ProjectFixture network(String key) {
        networks.put(key, new NetworkSpec(key, name + "_" + key, false, null, Map.of()));
        return this;
    }

    ProjectFixture service(Service s) {
        services.put(s.name, s.spec());
        return this;
    }

    ComposeProject build() {
        return new ComposeProject(name, dir, List.of(dir.resolve("compose.yaml")), services, networks, volumes);
    }

    static Service service(String name) {
        return new Service(name);
    }

    /** A mutable service under construction; {@link #spec()} freezes it. */
    static final class Service {
        final String name;
        String image;
        BuildSpec build;
        List<String> entrypoint;
        List<String> command;
        final Map<String, String> environment = new LinkedHashMap<>();
        final List<PortSpec> ports = new ArrayList<>();
        final List<VolumeMountSpec> volumes = new ArrayList<>();
        final List<DependencySpec> dependsOn = new ArrayList<>();
        final Map<String, ServiceNetwork> networks = new LinkedHashMap<>(Map.of("default",
                new ServiceNetwork(List.of(), null)));
        final Map<String, String> labels = new LinkedHashMap<>();
        String containerName;
        String networkMode;
        HealthcheckSpec healthcheck;
        int scale = 1;

        Service(String name) {
            this.name = name;
        }

        Service image(String image) {
            this.image = image;
            return this;
        }

        Service build(Path context) {
            this.build = new BuildSpec(context, "Dockerfile", Map.of(), null);
            return this;
        }

        Service command(String... command) {
            this.command = List.of(command);
            return this;
        }

        Service env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        Service port(String hostIp, Integer published, int target) {
            ports.add(new PortSpec(hostIp, published, target, "tcp", null));
            return this;
        }

        Service volume(String key, String target) {
            volumes.add(new VolumeMountSpec("volume", key, target, false, null));
            return this;
        }

        Service dependsOn(String service, String condition) {
            dependsOn.add(new DependencySpec(service, condition, false, true));
            return this;
        }

        Service network(String key, String... aliases) {
            networks.put(key, new ServiceNetwork(List.of(aliases), null));
            return this;
        }

        Service label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        Service containerName(String containerName) {
            this.containerName = containerName;
            return this;
        }

        Service healthcheck(HealthcheckSpec healthcheck) {
            this.healthcheck = healthcheck;
            return this;
        }

        Service scale(int scale) {
            this.scale = scale;
            return this;
        }

        ServiceSpec spec() {
            return new ServiceSpec(name, image, build, entrypoint, command, Map.copyOf(environment), List.copyOf(ports),
                    List.copyOf(volumes), null, null, List.copyOf(dependsOn), new LinkedHashMap<>(networks),
                    networkMode, new LinkedHashMap<>(labels), null, containerName, healthcheck, scale, List.of(), null);
        }
    }
}
