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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    /** Long enough that a wait can only end by an event (the test's time limit fails it otherwise). */
    private static final Duration NO_QUIET_LIMIT = Duration.ofMinutes(10);

    /** Waits until the snapshot follows the events and its list is current; returns that list. */
    private static List<ContainerInfo> following(ProjectSnapshot snapshot) throws EngineException {
        List<ContainerInfo> first = snapshot.containers();
        snapshot.awaitChange(first, POLL, Instant.MAX);   // starts following; the list is taken again after that
        return snapshot.containers();
    }

    @Test
    @Timeout(60)
    void aWaitEndsWithTheEnginesEventAndOnlyThenIsTheListTakenAgain() throws Exception {
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(true), name, POLL, NO_QUIET_LIMIT)) {
            List<ContainerInfo> seen = following(snapshot);
            assertThat(seen).isEmpty();
            int listed = lists.get();
            Thread.sleep(POLL.multipliedBy(3).toMillis());
            assertThat(snapshot.containers()).as("no event since: the same list, however old").isSameAs(seen);
            assertThat(lists.get()).isEqualTo(listed);

            Thread creator = Thread.ofVirtual().start(() -> {
                try {
                    createContainer("web");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (seen.isEmpty()) {   // only events end these waits
                snapshot.awaitChange(seen, POLL, Instant.MAX);
                seen = snapshot.containers();
            }
            creator.join();
            assertThat(seen).extracting(ContainerInfo::name).containsExactly(name + "-web-1");
            assertThat(snapshot.eventsHeard()).as("the create event").isPositive();
        }
    }

    @Test
    @Timeout(60)
    void aWaiterWhoseListAnotherWaiterRenewedDoesNotWait() throws Exception {
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(true), name, POLL, NO_QUIET_LIMIT)) {
            List<ContainerInfo> mine = following(snapshot);
            Thread other = Thread.ofVirtual().start(() -> {
                try {
                    List<ContainerInfo> theirs = mine;
                    while (theirs.isEmpty()) {
                        snapshot.awaitChange(theirs, POLL, Instant.MAX);
                        theirs = snapshot.containers();
                    }
                } catch (EngineException e) {
                    throw new IllegalStateException(e);
                }
            });
            createContainer("web");
            other.join();   // the other waiter heard the event and listed again
            snapshot.awaitChange(mine, POLL, Instant.MAX);   // an old list: returns at once, though no event follows
            assertThat(snapshot.containers()).hasSize(1);
        }
    }

    @Test
    @Timeout(60)
    void aListThatNoEventChangedIsTakenAgainAfterTheQuietLimitOnceForAllWaiters() throws Exception {
        // no container: none of its events could be replayed to the subscription
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(true), name, POLL,
                Duration.ofMillis(300))) {
            List<ContainerInfo> seen = following(snapshot);
            int listed = lists.get();
            List<Thread> waiters = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                waiters.add(Thread.ofVirtual().start(() -> {
                    try {
                        snapshot.awaitChange(seen, POLL, Instant.MAX);   // nothing happens to the project
                        snapshot.containers();
                    } catch (EngineException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread t : waiters) {
                t.join();
            }
            assertThat(snapshot.containers()).isEmpty();
            assertThat(lists.get()).as("five waiters, one list after the quiet limit").isEqualTo(listed + 1);
            assertThat(snapshot.eventsHeard()).isZero();
        }
    }

    @Test
    @Timeout(60)
    void aWaitEndsAtItsDeadlineWhateverTheQuietLimit() throws Exception {
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(true), name, POLL, NO_QUIET_LIMIT)) {
            List<ContainerInfo> seen = following(snapshot);
            snapshot.awaitChange(seen, POLL, Instant.now().plusMillis(200));
            assertThat(snapshot.containers()).as("nothing changed: the same list").isSameAs(seen);
        }
    }

    @Test
    void withoutEventsAWaitSleepsAPollAndTheListIsTakenAgainByAge() throws Exception {
        createContainer("web");
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(false), name, POLL)) {
            List<ContainerInfo> seen = snapshot.containers();
            assertThat(seen).hasSize(1);
            snapshot.awaitChange(seen, POLL, Instant.MAX);
            snapshot.awaitChange(seen, POLL, Instant.MAX);
            assertThat(snapshot.containers()).hasSize(1);
            assertThat(lists.get()).as("the list was older than a poll").isEqualTo(2);
        }
    }

    @Test
    void closingTheSnapshotEndsItsEventStream() throws Exception {
        java.util.Set<Thread> before = streamThreads();
        java.util.Set<Thread> mine;
        try (ProjectSnapshot snapshot = new ProjectSnapshot(counted(true), name, POLL)) {
            following(snapshot);
            mine = streamThreads();
            mine.removeAll(before);
            assertThat(mine).as("the event stream's reader").hasSize(1);
        }
        for (int i = 0; i < 100 && mine.stream().anyMatch(Thread::isAlive); i++) {
            Thread.sleep(50);
        }
        assertThat(mine).noneMatch(Thread::isAlive);
    }

    private static java.util.Set<Thread> streamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("docker-java-stream"))
                .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }
}
