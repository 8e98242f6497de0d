package dev.berth.engine.api;

import java.util.List;

/** A local image: its id, the tags pointing at it ("repo:tag") and its size in bytes. */
public record ImageInfo(String id, List<String> tags, long size) {
}
