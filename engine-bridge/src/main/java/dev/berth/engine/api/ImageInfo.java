package dev.berth.engine.api;

import java.util.List;
import java.util.Set;

/**
 * A local image: its id, the tags pointing at it ("repo:tag"), its size in bytes, and the paths its
 * {@code VOLUME} instructions declare (a container gets an anonymous volume at each).
 */
public record ImageInfo(String id, List<String> tags, long size, Set<String> volumes) {

    public ImageInfo {
        volumes = volumes == null ? Set.of() : Set.copyOf(volumes);
    }

    public ImageInfo(String id, List<String> tags, long size) {
        this(id, tags, size, Set.of());
    }
}
