package dev.berth.engine.api;

import java.nio.file.Path;

/**
 * Where the engine listens, and why Berth chose that address.
 *
 * @param uri    e.g. {@code unix:///var/run/docker.sock} or {@code tcp://10.0.0.5:2376}
 * @param source a phrase for people: "DOCKER_HOST", "docker context 'colima' (~/.docker/contexts/...)", "default"
 * @param tls    how to speak TLS to a {@code tcp://} engine, or null for plain HTTP
 * @param apiVersion the engine API version to speak ({@code DOCKER_API_VERSION}), or null to agree on one with the
 *               engine as the docker CLI does
 */
public record EngineEndpoint(String uri, String source, Tls tls, String apiVersion) {
    public EngineEndpoint {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("engine endpoint: the address is empty (" + source
                    + "); set DOCKER_HOST to e.g. unix:///var/run/docker.sock");
        }
    }

    public EngineEndpoint(String uri, String source) {
        this(uri, source, null, null);
    }

    public EngineEndpoint(String uri, String source, Tls tls) {
        this(uri, source, tls, null);
    }

    /** This endpoint spoken to at API {@code version} ({@code DOCKER_API_VERSION}). */
    public EngineEndpoint withApiVersion(String version) {
        return new EngineEndpoint(uri, source, tls, version == null || version.isBlank() ? null : version.strip());
    }

    /**
     * TLS as the docker CLI sets it up: {@code ca.pem}, {@code cert.pem} and {@code key.pem} in one folder
     * ({@code DOCKER_CERT_PATH}, or a context's TLS folder), each used when it is there; without {@code ca.pem}
     * the system's certificate authorities are trusted.
     *
     * @param directory where the files are, or null when there are none
     * @param verify    whether the engine's certificate is checked ({@code DOCKER_TLS_VERIFY}); without it
     *                  ({@code DOCKER_TLS}, a context's SkipTLSVerify) the connection is encrypted but anyone may
     *                  answer
     */
    public record Tls(Path directory, boolean verify) {
    }

    @Override
    public String toString() {
        return uri + (tls == null ? "" : tls.verify() ? " over TLS" : " over TLS, unverified") + " (from " + source
                + ")";
    }
}
