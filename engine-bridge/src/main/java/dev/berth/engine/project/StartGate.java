package dev.berth.engine.project;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Lets a few container starts of one run reach the engine at once, and chooses which waiting start goes next. A
 * container start is CPU work on the engine's machine (network namespace, veth, DNS rules, runc): eight sent at
 * once on two CPUs all finish late, close together, while two or three at a time finish one after another, so the
 * dependents of the first ones can start (and their healthchecks begin to count) sooner. Of the starts that wait,
 * the one with the longest chain of dependents goes first, then the one that lets the most dependents start (their
 * other dependencies have begun), then the one that came first.
 */
final class StartGate {
    /** The fewest starts let through at once, whatever the engine says of its machine. */
    static final int MIN_PERMITS = 2;

    private final IntSupplier askPermits;
    private int permits;
    private final Map<String, ? extends Collection<String>> dependencies;
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final Map<String, Integer> heights = new HashMap<>();
    private final Set<String> begun = new HashSet<>();
    private final List<Waiter> waiting = new ArrayList<>();
    private int running;
    private long arrivals;
    private int mostAtOnce;

    private record Waiter(String service, long arrival) { }

    /** What a start holds while it runs; closing it lets the next one go. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param permits      how many starts may run at once (at least {@link #MIN_PERMITS}), asked at the first
     *                     start, so a run that starts nothing never waits for the answer
     * @param dependencies each service of the run to the services it depends on
     */
    StartGate(IntSupplier permits, Map<String, ? extends Collection<String>> dependencies) {
        this.askPermits = permits;
        this.dependencies = dependencies;
        dependencies.forEach((service, deps) -> deps.forEach(
                d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(service)));
    }

    /** Waits until a start of {@code service} may go; the caller closes the pass when the engine has answered. */
    Pass enter(String service) throws InterruptedException {
        int limit = limit();
        synchronized (this) {
            Waiter me = new Waiter(service, arrivals++);
            waiting.add(me);
            try {
                while (running >= limit || next() != me) {
                    wait();
                }
            } finally {
                waiting.remove(me);
                notifyAll();   // an interrupted waiter may have been the next one
            }
            running++;
            mostAtOnce = Math.max(mostAtOnce, running);
            begun.add(service);
        }
        return new Pass() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (StartGate.this) {
                    if (!closed) {
                        closed = true;
                        running--;
                        StartGate.this.notifyAll();
                    }
                }
            }
        };
    }

    /** The permits, asked once and outside the gate's lock (the answer may take an engine call). */
    private int limit() throws InterruptedException {
        int known;
        synchronized (this) {
            known = permits;
        }
        if (known == 0) {
            int asked = Math.max(MIN_PERMITS, askPermits.getAsInt());
            synchronized (this) {
                if (permits == 0) {
                    permits = asked;
                }
                known = permits;
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return known;
    }

    /** How many starts wait (tests ask). */
    synchronized int waiting() {
        return waiting.size();
    }

    /** How many starts hold a place now (tests ask). */
    synchronized int running() {
        return running;
    }

    /** The most starts that ran at once so far (tests ask). */
    synchronized int mostAtOnce() {
        return mostAtOnce;
    }

    private Waiter next() {
        Waiter best = null;
        for (Waiter w : waiting) {
            if (best == null || before(w, best)) {
                best = w;
            }
        }
        return best;
    }

    private boolean before(Waiter a, Waiter b) {
        int c = Integer.compare(height(a.service()), height(b.service()));
        if (c == 0) {
            c = Integer.compare(completes(a.service()), completes(b.service()));
        }
        return c != 0 ? c > 0 : a.arrival() < b.arrival();
    }

    /** 1 for a service nothing depends on, else one more than its highest dependent. */
    private int height(String service) {
        Integer h = heights.get(service);
        if (h == null) {
            h = 1 + dependents.getOrDefault(service, List.of()).stream()
                    .filter(d -> !d.equals(service)).mapToInt(this::height).max().orElse(0);
            heights.put(service, h);
        }
        return h;
    }

    /** How many dependents would have every dependency begun once this service has. */
    private int completes(String service) {
        int n = 0;
        for (String d : dependents.getOrDefault(service, List.of())) {
            if (dependencies.get(d).stream().allMatch(x -> x.equals(service) || begun.contains(x))) {
                n++;
            }
        }
        return n;
    }
}
