package dev.berth.engine.api;

import java.util.Map;

/**
 * One engine event (container start, network create, ...).
 *
 * @param type       "container", "network", "volume", "image", ...
 * @param action     "create", "start", "die", "destroy", "health_status: healthy", ...
 * @param actorId    the id of the object concerned
 * @param attributes the actor's attributes; for containers these include its labels and "name"
 */
public record EngineEvent(String type, String action, String actorId, Map<String, String> attributes) {
}
