package dev.berth.engine.project;

import dev.berth.compose.model.ComposeProject;
import dev.berth.compose.model.DependencySpec;
import dev.berth.compose.model.NetworkSpec;
import dev.berth.compose.model.ServiceSpec;
import dev.berth.compose.model.VolumeSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The names and labels docker compose v2 gives to what it creates. Berth writes exactly these, so that
 * {@code docker compose ps/down} sees Berth's containers as its own and the other way round.
 */
public final class ComposeLabels {
    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String CONTAINER_NUMBER = "com.docker.compose.container-number";
    public static final String ONEOFF = "com.docker.compose.oneoff";
    public static final String CONFIG_HASH = "com.docker.compose.config-hash";
    public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    public static final String VERSION = "com.docker.compose.version";
    public static final String DEPENDS_ON = "com.docker.compose.depends_on";
    public static final String IMAGE = "com.docker.compose.image";
    public static final String NETWORK = "com.docker.compose.network";
    public static final String VOLUME = "com.docker.compose.volume";

    /**
     * The value of {@link #VERSION}. docker compose writes its own version there and only shows it; Berth
     * writes the compose release whose naming and labelling it reproduces, so the label stays meaningful.
     */
    public static final String COMPOSE_VERSION = "2.29.0";

    private ComposeLabels() {
    }

    /** {@code <project>-<service>-<n>}, or the service's {@code container_name}. */
    public static String containerName(ComposeProject project, ServiceSpec service, int number) {
        if (service.containerName() != null && !service.containerName().isBlank()) {
            return service.containerName();
        }
        return project.name() + "-" + service.name() + "-" + number;
    }

    /** The service's {@code image:}, or {@code <project>-<service>} for a built image without one, as v2 names it. */
    public static String imageName(ComposeProject project, ServiceSpec service) {
        if (service.image() != null && !service.image().isBlank()) {
            return service.image();
        }
        return project.name() + "-" + service.name();
    }

    /** v2's format: {@code db:service_healthy:false,redis:service_started:false}. */
    public static String dependsOn(ServiceSpec service) {
        return service.dependsOn().stream()
                .map(d -> d.service() + ":" + condition(d) + ":" + d.restart())
                .collect(Collectors.joining(","));
    }

    private static String condition(DependencySpec d) {
        return d.condition() == null || d.condition().isBlank() ? "service_started" : d.condition();
    }

    /** The service's own labels, then compose's (which win, as in v2). */
    public static Map<String, String> containerLabels(ComposeProject project, ServiceSpec service, int number,
                                                      String configHash, String imageId) {
        Map<String, String> labels = new LinkedHashMap<>(service.labels());
        labels.put(PROJECT, project.name());
        labels.put(SERVICE, service.name());
        labels.put(CONTAINER_NUMBER, Integer.toString(number));
        labels.put(ONEOFF, "False");
        labels.put(CONFIG_HASH, configHash);
        labels.put(WORKING_DIR, project.workingDir().toAbsolutePath().toString());
        labels.put(CONFIG_FILES, project.configFiles().stream().map(Path::toAbsolutePath).map(Path::toString)
                .collect(Collectors.joining(",")));
        labels.put(VERSION, COMPOSE_VERSION);
        labels.put(DEPENDS_ON, dependsOn(service));
        labels.put(IMAGE, imageId);
        return labels;
    }

    public static Map<String, String> networkLabels(ComposeProject project, NetworkSpec network) {
        Map<String, String> labels = new LinkedHashMap<>(network.labels());
        labels.put(NETWORK, network.key());
        labels.put(PROJECT, project.name());
        labels.put(VERSION, COMPOSE_VERSION);
        return labels;
    }

    public static Map<String, String> volumeLabels(ComposeProject project, VolumeSpec volume) {
        Map<String, String> labels = new LinkedHashMap<>(volume.labels());
        labels.put(PROJECT, project.name());
        labels.put(VOLUME, volume.key());
        labels.put(VERSION, COMPOSE_VERSION);
        return labels;
    }
}
