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
 * @param noRecreate   v2's {@code --no-recreate}: a container that exists is kept even when its configuration changed
 * @param noBuild      v2's {@code --no-build}: no image is built; a missing one that only a build would make is an error
 * @param pull         v2's {@code --pull}: always, missing, never or build for every service, instead of each
 *                     service's {@code pull_policy}; null to keep those
 * @param renewAnonymousVolumes v2's {@code -V}: a recreated container gets new anonymous volumes instead of its
 *                     predecessor's (whose data it otherwise keeps, as v2 and v1 do)
 * @param ignoreOrphans v2's {@code COMPOSE_IGNORE_ORPHANS}: containers of services the files no longer define are
 *                     neither looked for nor reported (nor removed)
 */
public record UpOptions(boolean build, boolean forceRecreate, boolean removeOrphans, boolean waitReady,
                        Duration waitTimeout, Map<String, Integer> scale, boolean noRecreate, boolean noBuild,
                        String pull, boolean renewAnonymousVolumes, boolean ignoreOrphans) {

    public UpOptions(boolean build, boolean forceRecreate, boolean removeOrphans, boolean waitReady,
                     Duration waitTimeout, Map<String, Integer> scale, boolean noRecreate, boolean noBuild,
                     String pull, boolean renewAnonymousVolumes) {
        this(build, forceRecreate, removeOrphans, waitReady, waitTimeout, scale, noRecreate, noBuild, pull,
                renewAnonymousVolumes, false);
    }

    public UpOptions(boolean build, boolean forceRecreate, boolean removeOrphans, boolean waitReady,
                     Duration waitTimeout, Map<String, Integer> scale, boolean noRecreate, boolean noBuild,
                     String pull) {
        this(build, forceRecreate, removeOrphans, waitReady, waitTimeout, scale, noRecreate, noBuild, pull, false);
    }

    public UpOptions {
        scale = scale == null ? Map.of() : Map.copyOf(scale);
    }

    public UpOptions(boolean build, boolean forceRecreate, boolean removeOrphans, boolean waitReady,
                     Duration waitTimeout, Map<String, Integer> scale) {
        this(build, forceRecreate, removeOrphans, waitReady, waitTimeout, scale, false, false, null);
    }

    public UpOptions(boolean build, boolean forceRecreate, boolean removeOrphans, boolean waitReady,
                     Duration waitTimeout) {
        this(build, forceRecreate, removeOrphans, waitReady, waitTimeout, Map.of());
    }

    public static UpOptions defaults() {
        return new UpOptions(false, false, false, false, Duration.ZERO);
    }

    public UpOptions withScale(Map<String, Integer> replicas) {
        return new UpOptions(build, forceRecreate, removeOrphans, waitReady, waitTimeout, replicas, noRecreate,
                noBuild, pull, renewAnonymousVolumes, ignoreOrphans);
    }

    /** With {@code --no-recreate}, {@code --no-build} and {@code --pull} (null: each service's own policy). */
    public UpOptions withPolicies(boolean keepContainers, boolean neverBuild, String pullPolicy) {
        return new UpOptions(build, forceRecreate, removeOrphans, waitReady, waitTimeout, scale, keepContainers,
                neverBuild, pullPolicy, renewAnonymousVolumes, ignoreOrphans);
    }

    /** With {@code -V}: recreated containers get new anonymous volumes. */
    public UpOptions withNewAnonymousVolumes(boolean renew) {
        return new UpOptions(build, forceRecreate, removeOrphans, waitReady, waitTimeout, scale, noRecreate, noBuild,
                pull, renew, ignoreOrphans);
    }

    /** With what to do about orphans: remove them, or (when not removing) not even look for them. */
    public UpOptions withOrphans(boolean remove, boolean ignore) {
        return new UpOptions(build, forceRecreate, remove, waitReady, waitTimeout, scale, noRecreate, noBuild, pull,
                renewAnonymousVolumes, ignore);
    }
}
