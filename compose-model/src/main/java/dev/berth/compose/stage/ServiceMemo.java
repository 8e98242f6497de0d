package dev.berth.compose.stage;

import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.diag.Diagnostics;
import dev.berth.compose.source.YamlNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the per-service parts of the stages after the parse (structure check, value formats, normalisation) found
 * for each service in the previous load, for the editor's live document: a service whose tree is the very same
 * object as last time (its block was not edited, so it was not re-parsed) and whose context is equal gets the
 * same result and the same diagnostics again instead of being walked. One round per load; results of services
 * not seen in a round are dropped. Not thread-safe: one live document, one thread.
 */
public final class ServiceMemo {

    /** A stage's result for one service and the diagnostics it gave, in order. */
    public record Recorded<T>(T value, List<Diagnostic> diagnostics) {
    }

    private record Key(String stage, String service) {
    }

    private record Entry(YamlNode node, Object context, Recorded<?> recorded) {
    }

    private Map<Key, Entry> previous = new HashMap<>();
    private Map<Key, Entry> current = new HashMap<>();
    private Map<String, Object> previousContexts = new HashMap<>();
    private Map<String, Object> currentContexts = new HashMap<>();
    private int reused;
    private int reusedLastRound;

    /**
     * The result of {@code compute} for {@code service} in {@code stage}, with its diagnostics replayed into
     * {@code diagnostics}; {@code compute} is called only when the last round did not see this exact node with
     * an equal {@code context}. {@code compute} adds its diagnostics to the collector it is given.
     */
    @SuppressWarnings("unchecked")
    public <T> T reuse(String stage, String service, YamlNode node, Object context, Diagnostics diagnostics,
                       Function<Diagnostics, T> compute) {
        Key key = new Key(stage, service);
        Entry last = previous.get(key);
        Recorded<T> recorded;
        if (last != null && last.node() == node && Objects.equals(last.context(), context)) {
            recorded = (Recorded<T>) last.recorded();
            reused++;
        } else {
            Diagnostics own = new Diagnostics();
            T value = compute.apply(own);
            recorded = new Recorded<>(value, own.all());
        }
        current.put(key, new Entry(node, context, recorded));
        recorded.diagnostics().forEach(diagnostics::add);
        return recorded.value();
    }

    /**
     * {@code context} itself, or the equal object the last round used for {@code stage}, so that comparing it
     * for each service is a comparison of references.
     */
    public Object context(String stage, Object context) {
        Object last = previousContexts.get(stage);
        Object kept = context.equals(last) ? last : context;
        currentContexts.put(stage, kept);
        return kept;
    }

    /** Ends a load: what it saw is what the next one may reuse. */
    public void endRound() {
        previous = current;
        current = new HashMap<>();
        previousContexts = currentContexts;
        currentContexts = new HashMap<>();
        reusedLastRound = reused;
        reused = 0;
    }

    /** How many per-service results the last finished round reused (for tests and benchmarks). */
    public int reusedLastRound() {
        return reusedLastRound;
    }
}
