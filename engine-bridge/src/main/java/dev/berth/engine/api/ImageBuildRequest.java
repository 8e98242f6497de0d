package dev.berth.engine.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * Build one image from a local directory.
 *
 * @param context          the build context directory (sent to the engine as a tar; .dockerignore applies)
 * @param dockerfile       path of the Dockerfile relative to {@code context}, "Dockerfile" when null
 * @param target           the multi-stage target, or null
 * @param dockerfileInline the Dockerfile's text ({@code build.dockerfile_inline}), used instead of a file; or null
 * @param labels           labels of the built image ({@code build.labels})
 * @param noCache          build every step again ({@code build --no-cache}, {@code build.no_cache})
 * @param pull             pull a newer version of the base images first ({@code build --pull}, {@code build.pull})
 */
public record ImageBuildRequest(String tag, Path context, String dockerfile, Map<String, String> args, String target,
                                String dockerfileInline, Map<String, String> labels, boolean noCache, boolean pull) {

    public ImageBuildRequest(String tag, Path context, String dockerfile, Map<String, String> args, String target) {
        this(tag, context, dockerfile, args, target, null, Map.of(), false, false);
    }

    public ImageBuildRequest {
        args = args == null ? Map.of() : Map.copyOf(args);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
