package dev.berth.engine.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * Build one image from a local directory.
 *
 * @param context    the build context directory (sent to the engine as a tar; .dockerignore applies)
 * @param dockerfile path of the Dockerfile relative to {@code context}, "Dockerfile" when null
 * @param target     the multi-stage target, or null
 */
public record ImageBuildRequest(String tag, Path context, String dockerfile, Map<String, String> args, String target) {
}
