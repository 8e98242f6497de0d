package dev.berth.engine.docker;

import static dev.berth.engine.project.DockerWitness.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.EndpointResolver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The CPUs of the engine's machine, which set how many starts of an {@code up} go to it at once. */
@Tag("engine")
class EngineCpusEngineTest {

    @Test
    void theEngineSaysHowManyCpusItsMachineHas() throws Exception {
        try (DockerEngine engine = DockerEngine.connect(EndpointResolver.resolve())) {
            assertThat(engine.cpus()).isPositive()
                    .isEqualTo(Integer.parseInt(docker("info", "--format", "{{.NCPU}}")));
        }
    }
}
