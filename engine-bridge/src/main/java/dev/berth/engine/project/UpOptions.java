package dev.berth.engine.project;

import java.time.Duration;
import java.util.Map;

/**
 * Options of {@code up}.
 *
 * @param build        build images of services with {@code build:} even when present
 * @param waitReady    v2's {@code --wait}: return only once every container runs (and is healthy, when it has a
 *                     healthcheck). Not called {@code wait}: a record component cannot shadow {@code Object.wait()}.
 * @param waitTimeout  how long {@code waitReady} waits; null or zero = no limit (as v2's --wait-timeout 0)
 * @param scale        replicas per service name ({@code --scale web=3}), overriding the file's scale
 */
public record UpOptions(boolean build, boolean forceRecreate, boolean removeOrphans, boolean waitReady,
                        Duration waitTimeout, Map<String, Integer> scale) {

    public UpOptions {
        scale = scale == null ? Map.of() : Map.copyOf(scale);
    }

    public UpOptions(boolean build, boolean forceRecreate, boolean removeOrphans, boolean waitReady,
                     Duration waitTimeout) {
        this(build, forceRecreate, removeOrphans, waitReady, waitTimeout, Map.of());
    }

    public static UpOptions defaults() {
        return new UpOptions(false, false, false, false, Duration.ZERO);
    }

    public UpOptions withScale(Map<String, Integer> replicas) {
        return new UpOptions(build, forceRecreate, removeOrphans, waitReady, waitTimeout, replicas);
    }
}
