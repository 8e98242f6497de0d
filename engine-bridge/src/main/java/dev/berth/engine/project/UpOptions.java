package dev.berth.engine.project;

import java.time.Duration;

/**
 * Options of {@code up}.
 *
 * @param build        build images of services with {@code build:} even when present
 * @param waitReady    v2's {@code --wait}: return only once every container runs (and is healthy, when it has a
 *                     healthcheck). Not called {@code wait}: a record component cannot shadow {@code Object.wait()}.
 * @param waitTimeout  how long {@code waitReady} waits; null or zero = no limit (as v2's --wait-timeout 0)
 */
public record UpOptions(boolean build, boolean forceRecreate, boolean removeOrphans, boolean waitReady,
                        Duration waitTimeout) {

    public static UpOptions defaults() {
        return new UpOptions(false, false, false, false, Duration.ZERO);
    }
}
