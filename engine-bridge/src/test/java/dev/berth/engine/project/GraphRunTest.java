package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.api.EngineException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GraphRunTest {

    @Test
    void everyStepRunsAfterItsPrerequisites() throws EngineException {
        List<String> ran = new CopyOnWriteArrayList<>();
        new GraphRun<>(Map.of("web", List.of("api", "db"), "api", List.of("db"), "db", List.of(), "cache", List.of()))
                .run(ran::add);
        assertThat(ran).containsExactlyInAnyOrder("web", "api", "db", "cache");
        assertThat(ran.indexOf("db")).isLessThan(ran.indexOf("api"));
        assertThat(ran.indexOf("api")).isLessThan(ran.indexOf("web"));
    }

    @Test
    void aStepDoesNotWaitForUnrelatedNodesOfTheSameLevel() throws EngineException {
        // a and slow are both roots; after-a needs only a. Level by level, after-a would wait for slow.
        CountDownLatch afterARan = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        new GraphRun<>(Map.of("a", List.<String>of(), "slow", List.<String>of(), "after-a", List.of("a"))).run(node -> {
            if (node.equals("slow")) {
                try {
                    // finishes only once after-a has run: a level barrier would make this wait time out
                    assertThat(afterARan.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new EngineException("interrupted", e);
                }
            }
            ran.add(node);
            if (node.equals("after-a")) {
                afterARan.countDown();   // after it is written down: slow's own entry may follow at once
            }
        });
        assertThat(ran.indexOf("after-a")).isLessThan(ran.indexOf("slow"));
    }

    @Test
    void aFailedStepStopsItsDependentsAndIsThrownAfterTheOthersFinish() {
        List<String> ran = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> new GraphRun<>(Map.of("db", List.<String>of(), "web", List.of("db"),
                "cache", List.<String>of())).run(node -> {
            ran.add(node);
            if (node.equals("db")) {
                throw new EngineException("db", "db did not start", "look at its logs", null);
            }
        })).isInstanceOf(EngineException.class).hasMessageContaining("db did not start");
        assertThat(ran).contains("db", "cache").doesNotContain("web");
    }

    @Test
    void namesThatAreNotNodesAreIgnored() throws EngineException {
        List<String> ran = new CopyOnWriteArrayList<>();
        new GraphRun<>(Map.of("web", List.of("not-selected"))).run(ran::add);
        assertThat(ran).containsExactly("web");
    }
}
