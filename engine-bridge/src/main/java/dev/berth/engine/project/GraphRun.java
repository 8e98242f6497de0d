package dev.berth.engine.project;

import dev.berth.engine.api.EngineException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one step per node on virtual threads, each as soon as the steps it waits for have finished, never
 * level by level: on a three-level project a dependent starts the moment its own dependencies are up, not
 * when the slowest service of the level before is. A node whose prerequisite failed does not run. The run
 * waits for every step that was started and then throws the first failure (in the order they happened).
 *
 * @param <K> what identifies a node (a service name, or a step of one)
 */
final class GraphRun<K> {

    interface Step<K> {
        void run(K node) throws EngineException;
    }

    private final Map<K, ? extends Collection<K>> prerequisites;

    /** @param prerequisites every node, in a stable order, to the nodes whose steps must finish before its own;
     *                      names that are not nodes are ignored; the graph must have no cycle */
    GraphRun(Map<K, ? extends Collection<K>> prerequisites) {
        this.prerequisites = prerequisites;
    }

    void run(Step<K> step) throws EngineException {
        Map<K, CompletableFuture<Void>> done = new LinkedHashMap<>();
        List<EngineException> failures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Set<K> visiting = new HashSet<>();
            for (K node : prerequisites.keySet()) {
                schedule(node, step, done, visiting, failures, executor);
            }
            try {
                CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new)).get();
            } catch (ExecutionException e) {
                // a step failed; the executor's close waits for the others, the failure is thrown below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.values().forEach(f -> f.cancel(true));
                throw new EngineException("interrupted", e);
            }
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                throw failures.getFirst();
            }
        }
    }

    private CompletableFuture<Void> schedule(K node, Step<K> step, Map<K, CompletableFuture<Void>> done,
                                             Set<K> visiting, List<EngineException> failures,
                                             ExecutorService executor) {
        CompletableFuture<Void> existing = done.get(node);
        if (existing != null) {
            return existing;
        }
        if (!visiting.add(node)) {
            throw new IllegalStateException("dependency cycle through " + node);
        }
        List<CompletableFuture<Void>> before = new ArrayList<>();
        for (K p : prerequisites.get(node)) {
            if (prerequisites.containsKey(p) && !p.equals(node)) {
                before.add(schedule(p, step, done, visiting, failures, executor));
            }
        }
        CompletableFuture<Void> f = CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                .thenRunAsync(() -> {
                    try {
                        step.run(node);
                    } catch (EngineException e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                        throw new CompletionException(e);
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add(new EngineException("unexpected failure: " + e, e));
                        }
                        throw e;
                    }
                }, executor);
        done.put(node, f);
        return f;
    }
}
