package dev.berth.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Finds the engine the way the docker CLI does, so Berth talks to the same engine as
 * {@code docker compose}: {@code DOCKER_HOST} (with TLS when {@code DOCKER_TLS_VERIFY} or {@code DOCKER_TLS} is
 * set, the files in {@code DOCKER_CERT_PATH} or {@code ~/.docker}, as Docker Machine set up remote engines); else
 * the context named by {@code DOCKER_CONTEXT} or by {@code currentContext} in {@code ~/.docker/config.json} (with
 * the TLS files the CLI keeps for it); else the default socket.
 */
public final class EndpointResolver {
    public static final String DEFAULT_URI = "unix:///var/run/docker.sock";
    /** The docker context Berth writes for its own Linux engine ({@code berth engine start}). */
    public static final String BERTH_ENGINE_CONTEXT = "berth";
    /** The docker context Berth writes for the engine in its VM ({@code berth vm start}). */
    public static final String BERTH_VM_CONTEXT = "berth-vm";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EndpointResolver() {
    }

    /** Resolves from the process environment and the user's home. */
    public static EngineEndpoint resolve() throws EngineException {
        return resolve(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * @throws EngineException when a context is named but its metadata is missing or unreadable; the
     *                         message names the file and how to fix it
     */
    public static EngineEndpoint resolve(Map<String, String> env, Path home) throws EngineException {
        // DOCKER_API_VERSION, as in the CLI: that version, not the one Berth and the engine would agree on
        return endpoint(env, home).withApiVersion(env.get("DOCKER_API_VERSION"));
    }

    private static EngineEndpoint endpoint(Map<String, String> env, Path home) throws EngineException {
        String host = env.get("DOCKER_HOST");
        Path dockerDir = dockerConfigDir(env, home);
        if (host != null && !host.isBlank()) {
            // as the CLI: any non-empty value turns them on ("0" too)
            boolean verify = !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
            boolean tls = verify || !env.getOrDefault("DOCKER_TLS", "").isEmpty();
            String certPath = env.getOrDefault("DOCKER_CERT_PATH", "");
            return new EngineEndpoint(host.trim(), "DOCKER_HOST", tls && isTcp(host.trim())
                    ? new EngineEndpoint.Tls(certPath.isBlank() ? dockerDir : Path.of(certPath), verify) : null);
        }
        String context = env.get("DOCKER_CONTEXT");
        String contextSource = "DOCKER_CONTEXT";
        if (context == null || context.isBlank()) {
            context = currentContext(dockerDir.resolve("config.json"));
            contextSource = dockerDir.resolve("config.json") + " currentContext";
        }
        if (context == null || context.isBlank() || context.equals("default")) {
            return new EngineEndpoint(DEFAULT_URI, "default");
        }
        Path meta = contextMeta(dockerDir, context);
        if (!Files.isRegularFile(meta)) {
            throw new EngineException("", "docker context '" + context + "' (named by " + contextSource
                    + ") has no metadata at " + meta, "list contexts with `docker context ls` and pick an existing"
                    + " one with `docker context use <name>`, or unset DOCKER_CONTEXT", null);
        }
        try {
            JsonNode hostNode = JSON.readTree(meta.toFile()).path("Endpoints").path("docker").path("Host");
            if (!hostNode.isTextual() || hostNode.asText().isBlank()) {
                throw new EngineException("", "docker context '" + context + "': " + meta
                        + " has no Endpoints.docker.Host", "recreate the context with `docker context create "
                        + context + " --docker host=unix:///var/run/docker.sock`", null);
            }
            boolean skipVerify = JSON.readTree(meta.toFile()).path("Endpoints").path("docker").path("SkipTLSVerify")
                    .asBoolean(false);
            // the CLI keeps a context's ca.pem, cert.pem and key.pem under contexts/tls/<sha256 of the name>/docker
            Path tlsDir = dockerDir.resolve("contexts").resolve("tls").resolve(sha256(context)).resolve("docker");
            boolean hasTlsFiles = Files.isDirectory(tlsDir);
            EngineEndpoint.Tls tls = isTcp(hostNode.asText()) && (hasTlsFiles || skipVerify)
                    ? new EngineEndpoint.Tls(hasTlsFiles ? tlsDir : null, !skipVerify) : null;
            return new EngineEndpoint(hostNode.asText(), "docker context '" + context + "' (" + contextSource + ")",
                    tls);
        } catch (IOException e) {
            throw new EngineException("", "docker context '" + context + "': cannot read " + meta + ": "
                    + e.getMessage(), "fix or remove the file, or choose another context with `docker context use`", e);
        }
    }

    /** The docker CLI's configuration folder: {@code DOCKER_CONFIG}, else {@code ~/.docker}. */
    public static Path dockerConfigDir(Map<String, String> env, Path home) {
        String config = env.get("DOCKER_CONFIG");
        return config != null && !config.isBlank() ? Path.of(config) : home.resolve(".docker");
    }

    /** Where the docker CLI keeps the metadata of the context called {@code name}. */
    public static Path contextMeta(Path dockerConfigDir, String name) {
        return dockerConfigDir.resolve("contexts").resolve("meta").resolve(sha256(name)).resolve("meta.json");
    }

    private static boolean isTcp(String uri) {
        return uri.startsWith("tcp://");
    }

    private static String currentContext(Path config) throws EngineException {
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(config.toFile()).path("currentContext");
            return node.isTextual() ? node.asText() : null;
        } catch (IOException e) {
            throw new EngineException("", "cannot read " + config + ": " + e.getMessage(),
                    "fix the JSON in that file (or move it away so the defaults apply)", e);
        }
    }

    /** The docker CLI stores a context's metadata under the hex SHA-256 of its name. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
