package dev.berth.engine.project;

import static dev.berth.engine.project.DockerWitness.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.EndpointResolver;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.docker.DockerEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The list that every waiting service shares during an {@code up}: once a wait has begun it is listed again when
 * the engine reports a change to the project's containers (or after a quiet while), not at every poll; an engine
 * that gives no events is polled as before. On the real engine, its list calls counted.
 */
@Tag("engine")
class ProjectSnapshotEngineTest extends FreshProject {
    private static final Duration POLL = Duration.ofMillis(100);
    private final AtomicInteger lists = new AtomicInteger();
    private Engine real;

    @BeforeEach
    void connect() throws EngineException {
        real = DockerEngine.connect(EndpointResolver.resolve());
    }

    @AfterEach
    void disconnect() {
        real.close();
    }

    /** The real engine, its list calls counted; without events when {@code events} is false. */
    private Engine counted(boolean events) {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("listContainers")) {
                        lists.incrementAndGet();
                    }
                    if (!events && method.getName().equals("watchContainers")) {
                        throw new EngineException("this engine gives no events", null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void createContainer(String service) throws Exception {
        docker("create", "--name", name + "-" + service + "-1", "--label", ComposeLabels.PROJECT + "=" + name,
                "--label", ComposeLabels.ONEOFF + "=False", "--label", ComposeLabels.SERVICE + "=" + service,
                TestImage.NAME, "true");
    }

    @Test
    void aWaitEndsWithTheEnginesEventAndOnlyThenIsTheListTakenAgain() throws Exception {
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(true), name, POLL)) {
            assertThat(snapshot.containers()).isEmpty();
            snapshot.awaitChange(POLL);   // the first wait starts following the events, and the list is taken again
            assertThat(snapshot.containers()).isEmpty();
            int listed = lists.get();
            assertThat(snapshot.containers()).as("no event since: the same list").isEmpty();
            assertThat(lists.get()).isEqualTo(listed);

            Thread creator = Thread.ofVirtual().start(() -> {
                try {
                    createContainer("web");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<ContainerInfo> seen = List.of();
            for (int i = 0; i < 100 && seen.isEmpty(); i++) {
                snapshot.awaitChange(POLL);
                seen = snapshot.containers();
            }
            creator.join();
            assertThat(seen).extracting(ContainerInfo::name).containsExactly(name + "-web-1");
            assertThat(snapshot.eventsHeard()).as("the create event").isPositive();
        }
    }

    @Test
    void aWaitThatHearsNothingLooksAgainAfterTheQuietLimit() throws Exception {
        createContainer("web");
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(true), name, POLL)) {
            snapshot.containers();
            snapshot.awaitChange(POLL);
            snapshot.containers();
            int listed = lists.get();
            snapshot.awaitChange(POLL);   // nothing happens to the project
            assertThat(snapshot.containers()).hasSize(1);
            assertThat(lists.get()).as("listed once more after the quiet limit").isEqualTo(listed + 1);
            assertThat(snapshot.eventsHeard()).isZero();
        }
    }

    @Test
    void withoutEventsAWaitSleepsAPollAndTheListIsTakenAgainByAge() throws Exception {
        createContainer("web");
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(false), name, POLL)) {
            assertThat(snapshot.containers()).hasSize(1);
            snapshot.awaitChange(POLL);
            snapshot.awaitChange(POLL);
            assertThat(snapshot.containers()).hasSize(1);
            assertThat(lists.get()).as("the list was older than a poll").isEqualTo(2);
        }
    }

    @Test
    void closingTheSnapshotEndsItsEventStream() throws Exception {
        long before = streamThreads();
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(true), name, POLL)) {
            snapshot.containers();
            snapshot.awaitChange(POLL);
            assertThat(streamThreads()).as("the event stream's reader").isEqualTo(before + 1);
        }
        for (int i = 0; i < 100 && streamThreads() > before; i++) {
            Thread.sleep(50);
        }
        assertThat(streamThreads()).isEqualTo(before);
    }

    private static long streamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("docker-java-stream")).count();
    }
}
