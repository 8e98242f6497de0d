package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)   // a gate that let too few through would hang a test rather than fail it
class StartGateTest {

    @Test
    void noMoreStartsRunAtOnceThanThePermitsSay() throws InterruptedException {
        StartGate gate = new StartGate(() -> 3, Map.of());
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String service = "s" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try (StartGate.Pass pass = gate.enter(service)) {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    Thread.sleep(20);
                    now.decrementAndGet();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread t : threads) {
            assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(most.get()).isEqualTo(3);
        assertThat(gate.mostAtOnce()).isEqualTo(3);
    }

    @Test
    void anEngineThatSaysNothingStillGetsTwoAtOnce() throws InterruptedException {
        StartGate gate = new StartGate(() -> 0, Map.of());
        try (StartGate.Pass first = gate.enter("a"); StartGate.Pass second = gate.enter("b")) {
            assertThat(gate.mostAtOnce()).isEqualTo(2);
        }
    }

    @Test
    void aStartInterruptedWhileThePermitsAreAskedLeavesWithoutAPlace() throws InterruptedException {
        // what ComposeRuntime's question to the engine does when the start is interrupted meanwhile
        StartGate gate = new StartGate(() -> {
            Thread.currentThread().interrupt();
            return 0;
        }, Map.of());
        assertThatThrownBy(() -> gate.enter("a")).isInstanceOf(InterruptedException.class);
        assertThat(gate.running()).isZero();
        assertThat(gate.waiting()).isZero();
        try (StartGate.Pass a = gate.enter("a"); StartGate.Pass b = gate.enter("b")) {
            assertThat(gate.running()).isEqualTo(2);
        }
    }

    @Test
    void theStartWithTheLongestChainOfDependentsGoesFirst() throws InterruptedException {
        // base ← mid ← top: base has the longest chain; lone has none
        StartGate gate = new StartGate(() -> 2, Map.of("base", List.of(), "mid", List.of("base"),
                "top", List.of("mid"), "lone", List.of()));
        assertThat(entryOrder(gate, "lone", "top", "base", "mid")).containsExactly("base", "mid", "lone", "top");
    }

    @Test
    void amongEqualChainsTheStartThatLetsADependentGoGoesFirst() throws InterruptedException {
        // ab needs a and b, cd needs c and d; once a has begun, b completes ab's dependencies and c does not
        StartGate gate = new StartGate(() -> 2, Map.of("a", List.of(), "b", List.of(), "c", List.of(),
                "d", List.of(), "ab", List.of("a", "b"), "cd", List.of("c", "d")));
        gate.enter("a").close();
        assertThat(entryOrder(gate, "c", "b")).containsExactly("b", "c");
    }

    @Test
    void otherwiseStartsGoInTheOrderTheyCame() throws InterruptedException {
        StartGate gate = new StartGate(() -> 2, Map.of("x", List.of(), "y", List.of(), "z", List.of()));
        assertThat(entryOrder(gate, "z", "x", "y")).containsExactly("z", "x", "y");
    }

    @Test
    void aWaiterThatIsInterruptedLeavesWithoutTakingAPlace() throws InterruptedException {
        StartGate gate = new StartGate(() -> 2, Map.of());
        StartGate.Pass one = gate.enter("one");
        StartGate.Pass two = gate.enter("two");
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                gate.enter("three").close();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        awaitWaiting(gate, 1);
        waiter.interrupt();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.waiting()).isZero();
        assertThat(gate.running()).isEqualTo(2);
        one.close();
        one.close();   // a second close does not give the place back twice
        assertThat(gate.running()).isEqualTo(1);
        two.close();
        assertThat(gate.running()).isZero();
    }

    /**
     * Holds both places, lets the services queue in the order given, then frees one place: each service, once in,
     * leaves at once, so they enter one at a time in the gate's order.
     */
    private static List<String> entryOrder(StartGate gate, String... services) throws InterruptedException {
        StartGate.Pass blocker = gate.enter("blocker-1");
        StartGate.Pass other = gate.enter("blocker-2");
        List<String> entered = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < services.length; i++) {
            String service = services[i];
            threads.add(Thread.ofVirtual().start(() -> {
                try (StartGate.Pass pass = gate.enter(service)) {
                    entered.add(service);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
            awaitWaiting(gate, i + 1);   // queued in this order
        }
        blocker.close();
        for (Thread t : threads) {
            assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        }
        other.close();
        return entered;
    }

    private static void awaitWaiting(StartGate gate, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.waiting() < n) {
            assertThat(System.nanoTime()).as("%d starts waiting", n).isLessThan(end);
            Thread.sleep(2);
        }
    }
}
