package dev.berth.engine.project;

/** One row of {@code images}: the image a project container runs, with its repository, tag, id and size. */
public record ServiceImage(String container, String service, String repository, String tag, String imageId,
                           long size) {
}
