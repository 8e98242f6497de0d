package dev.berth.compose.print;

import dev.berth.compose.model.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The {@code com.docker.compose.config-hash} label: SHA-256 (hex) over the service's canonical printed form.
 * Like docker compose v2's {@code ServiceHash}, it leaves out what must not recreate containers when it
 * changes: {@code scale} (and deploy.replicas, folded into it), {@code build} (a rebuild changes the image
 * instead), {@code depends_on}, {@code profiles}, {@code pull_policy}, {@code develop} and the {@code x-*} extensions.
 */
public final class ServiceHash {

    private ServiceHash() {
    }

    public static String of(ServiceSpec service) {
        Map<String, Object> printed = ConfigPrinter.service(service);
        printed.remove("scale");
        printed.remove("build");
        printed.remove("depends_on");
        printed.remove("profiles");
        printed.remove("pull_policy");
        printed.remove("develop");   // what `watch` does, not what the container is
        printed.keySet().removeIf(key -> key.startsWith("x-"));   // v2 leaves extensions out of its JSON
        if (printed.get("deploy") instanceof Map<?, ?> deploy) {
            Map<Object, Object> withoutReplicas = new java.util.LinkedHashMap<>(deploy);
            withoutReplicas.remove("replicas");
            printed.put("deploy", withoutReplicas);
        }
        printed.put("name", service.name());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JsonText.compact(printed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
