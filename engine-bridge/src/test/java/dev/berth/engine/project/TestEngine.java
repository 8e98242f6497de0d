package dev.berth.engine.project;

import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineException;

/** The engine tests' engine: the one the docker CLI would use. A test fails, saying what to do, when none answers. */
final class TestEngine {

    private TestEngine() {
    }

    static ComposeRuntime connect() {
        try {
            return ComposeRuntime.connect(EndpointResolver.resolve());
        } catch (EngineException e) {
            return fail("These tests need a Docker engine, and none answers: " + e.describe());
        }
    }
}
