package dev.berth.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The docker context that names Berth's engine, written where the docker CLI keeps its contexts
 * ({@code contexts/meta/<sha256 of the name>/meta.json} under {@code DOCKER_CONFIG} or {@code ~/.docker}), so that
 * {@code docker --context berth ps}, {@code DOCKER_CONTEXT=berth docker compose up} and {@code berth} itself reach
 * it as they reach any other engine. Berth never makes it the current context: that stays the user's choice
 * ({@code docker context use berth}).
 */
public final class EngineContext {
    /** Marks a context as Berth's, so Berth rewrites its own and never one the user made under the same name. */
    static final String DESCRIPTION = "Berth's own engine (written by Berth)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

    private EngineContext() {
    }

    /** What {@link #save} did. */
    public enum Saved {
        /** The context is there and points at the engine. */
        WRITTEN,
        /** A context of that name that Berth did not write is there; it was left as it is. */
        KEPT_THE_USERS
    }

    /**
     * Writes (or rewrites) the context {@code name} pointing at {@code endpoint}, unless the user has a context of
     * that name of their own.
     */
    public static Saved save(Path dockerConfigDir, String name, EngineEndpoint endpoint) throws IOException {
        return save(dockerConfigDir, name, endpoint, null);
    }

    /**
     * As {@link #save(Path, String, EngineEndpoint)}, for {@code owner} (the user behind {@code sudo}): what it
     * writes under {@code dockerConfigDir}, and the folders it makes there, become theirs.
     */
    public static Saved save(Path dockerConfigDir, String name, EngineEndpoint endpoint,
                             java.nio.file.attribute.UserPrincipal owner) throws IOException {
        Saved saved = write(dockerConfigDir, name, endpoint);
        if (owner != null && saved == Saved.WRITTEN) {
            List<Path> written = new ArrayList<>(List.of(EndpointResolver.contextMeta(dockerConfigDir, name)));
            if (Files.isDirectory(tlsDir(dockerConfigDir, name))) {
                try (var files = Files.list(tlsDir(dockerConfigDir, name))) {
                    files.forEach(written::add);
                }
            }
            for (Path file : written) {
                for (Path p = file; p != null && p.startsWith(dockerConfigDir); p = p.getParent()) {
                    Files.setOwner(p, owner);
                }
            }
        }
        return saved;
    }

    private static Saved write(Path dockerConfigDir, String name, EngineEndpoint endpoint) throws IOException {
        Path meta = EndpointResolver.contextMeta(dockerConfigDir, name);
        if (Files.isRegularFile(meta) && !isBerths(meta)) {
            return Saved.KEPT_THE_USERS;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("Name", name);
        root.putObject("Metadata").put("Description", DESCRIPTION);
        ObjectNode docker = root.putObject("Endpoints").putObject("docker");
        docker.put("Host", endpoint.uri());
        docker.put("SkipTLSVerify", false);
        Files.createDirectories(meta.getParent());
        writeTls(dockerConfigDir, name, endpoint.tls());
        // written aside and moved into place: a docker command reading it meanwhile sees the old file or the new
        Path written = Files.createTempFile(meta.getParent(), "meta", ".json");
        try {
            JSON.writeValue(written.toFile(), root);
            Files.move(written, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
        return Saved.WRITTEN;
    }

    /** Where the docker CLI keeps a context's ca.pem, cert.pem and key.pem. */
    static Path tlsDir(Path dockerConfigDir, String name) {
        return dockerConfigDir.resolve("contexts").resolve("tls").resolve(EndpointResolver.sha256(name))
                .resolve("docker");
    }

    /** The endpoint's TLS files, copied where the CLI looks for the context's; none (and no old ones) without TLS. */
    private static void writeTls(Path dockerConfigDir, String name, EngineEndpoint.Tls tls) throws IOException {
        Path dir = tlsDir(dockerConfigDir, name);
        for (String file : TLS_FILES) {
            Files.deleteIfExists(dir.resolve(file));
        }
        if (tls == null || tls.directory() == null) {
            return;
        }
        Files.createDirectories(dir);
        for (String file : TLS_FILES) {
            Path source = tls.directory().resolve(file);
            if (Files.isRegularFile(source)) {
                Path target = dir.resolve(file);
                if (file.equals("key.pem") && target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(target, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                }
                Files.write(target, Files.readAllBytes(source));
            }
        }
    }

    private static boolean isBerths(Path meta) {
        try {
            JsonNode description = JSON.readTree(meta.toFile()).path("Metadata").path("Description");
            return DESCRIPTION.equals(description.asText());
        } catch (IOException e) {
            return false;
        }
    }
}
