package dev.berth.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container, in Berth's terms.
 *
 * @param entrypoint   null keeps the image's entrypoint
 * @param command      null keeps the image's command
 * @param networkMode  host, none, bridge, container:&lt;id&gt;, or null when {@code firstNetwork} is set
 * @param firstNetwork the network joined at creation (API 1.41 takes only one); others are connected after
 * @param restartPolicy no, always, unless-stopped, on-failure[:n], or null
 */
public record ContainerCreateSpec(
        String name,
        String image,
        Map<String, String> labels,
        List<String> env,
        List<String> entrypoint,
        List<String> command,
        String user,
        String workingDir,
        List<PortBinding> ports,
        List<Mount> mounts,
        String restartPolicy,
        Healthcheck healthcheck,
        String networkMode,
        NetworkAttachment firstNetwork) {

    /** hostIp "" = all interfaces; hostPort null = the engine picks one. */
    public record PortBinding(String hostIp, Integer hostPort, int containerPort, String protocol) {
    }

    /** source: a host path (bind), an engine volume name or null for an anonymous volume (volume), null (tmpfs). */
    public record Mount(Type type, String source, String target, boolean readOnly) {
        public enum Type { BIND, VOLUME, TMPFS }
    }

    /** Durations and retries may be null (the engine's defaults apply); test ["NONE"] disables the image's. */
    public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                              Integer retries) {
    }

    /** ipv4Address may be null. */
    public record NetworkAttachment(String network, List<String> aliases, String ipv4Address) {
    }
}
