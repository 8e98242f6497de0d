package dev.berth.engine.api;

/** What the engine says about itself. */
public record EngineVersion(String version, String apiVersion, String os, String arch) {
}
