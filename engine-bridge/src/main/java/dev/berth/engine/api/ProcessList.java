package dev.berth.engine.api;

import java.util.List;

/** What {@code top} shows for one container: the ps column titles and one row per process. */
public record ProcessList(List<String> titles, List<List<String>> processes) {
}
