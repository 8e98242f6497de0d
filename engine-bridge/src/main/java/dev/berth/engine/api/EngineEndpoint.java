package dev.berth.engine.api;

/**
 * Where the engine listens, and why Berth chose that address.
 *
 * @param uri    e.g. {@code unix:///var/run/docker.sock} or {@code tcp://10.0.0.5:2375}
 * @param source a phrase for people: "DOCKER_HOST", "docker context 'colima' (~/.docker/contexts/...)", "default"
 */
public record EngineEndpoint(String uri, String source) {
    public EngineEndpoint {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("engine endpoint: the address is empty (" + source
                    + "); set DOCKER_HOST to e.g. unix:///var/run/docker.sock");
        }
    }

    @Override
    public String toString() {
        return uri + " (from " + source + ")";
    }
}
