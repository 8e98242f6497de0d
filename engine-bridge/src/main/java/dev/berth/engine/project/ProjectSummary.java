package dev.berth.engine.project;

import java.util.List;
import java.util.Map;

/**
 * A compose project found on the engine by its containers' labels, as {@code docker compose ls} lists it.
 *
 * @param states      container count per state word (running, exited, paused, ...), in v2's order of first sight
 * @param configFiles the compose files its containers were created from
 */
public record ProjectSummary(String name, Map<String, Integer> states, List<String> configFiles) {

    /** v2's STATUS column: {@code running(2), exited(1)}. */
    public String status() {
        StringBuilder b = new StringBuilder();
        states.forEach((state, n) -> b.append(b.isEmpty() ? "" : ", ").append(state).append('(').append(n).append(')'));
        return b.toString();
    }
}
