package dev.berth.app.engine;

import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.local.EngineContext;
import dev.berth.engine.local.LocalEngine;
import dev.berth.engine.local.LocalEngineLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Berth's own Linux engine as the window runs it: started when the user asks for it, shared by every project the
 * window opens, stopped (its containers first) when the app ends. Engine work: call from a worker thread.
 */
public final class OwnEngine {
    private static LocalEngine running;

    private OwnEngine() {
    }

    /** Whether this machine can run it: Linux, with a dockerd where the layout looks for one. */
    public static boolean available(Map<String, String> environment) {
        return Files.isDirectory(Path.of("/proc/self"))
                && Files.isExecutable(LocalEngineLayout.of(environment).dockerd());
    }

    /**
     * The running engine, started first when it is not; writes the docker context {@code berth} so that the
     * terminal's {@code docker --context berth} reaches the same engine.
     *
     * @throws EngineException when it cannot start here; the message says why and what to do
     */
    public static synchronized LocalEngine start(Map<String, String> environment, Path home) throws EngineException {
        // the one this window supervises, also while it restarts; a failed or stopped one is started anew
        if (running != null && running.state() != LocalEngine.State.FAILED
                && running.state() != LocalEngine.State.STOPPED) {
            return running;
        }
        if (running != null) {
            running.close();
        }
        running = LocalEngine.start(LocalEngineLayout.of(environment), Duration.ofSeconds(60),
                LocalEngine.Listener.NONE);
        try {
            EngineContext.save(EndpointResolver.dockerConfigDir(environment, home), LocalEngineLayout.CONTEXT,
                    running.endpoint());
        } catch (IOException e) {
            // the window reaches the engine without it; only other tools would miss it
        }
        return running;
    }

    /** Stops the engine when the window started it. */
    public static synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
