package dev.berth.engine.project;

import dev.berth.engine.api.ContainerInfo;
import dev.berth.engine.api.Engine;
import dev.berth.engine.api.EngineEvent;
import dev.berth.engine.api.EngineException;
import dev.berth.engine.api.LogLine;
import dev.berth.engine.api.LogRequest;
import dev.berth.engine.api.OutputSink;
import dev.berth.engine.api.Subscription;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads every container of a project into one bounded queue. With follow, it also listens to the
 * project's engine events and attaches to containers as they start (new ones, recreated ones, restarted
 * ones), so {@code logs -f} keeps up with {@code up}.
 */
final class ProjectLogStream implements LogStream {
    static final int CAPACITY = 10_000;

    private final Engine engine;
    private final String project;
    private final LogOptions options;
    private final BlockingQueue<LogLine> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Map<String, Subscription> attached = new ConcurrentHashMap<>();
    /** The newest timestamp seen per container: a re-attach after a restart skips what was already read. */
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final AtomicInteger openSources = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean listed;
    private Subscription events;

    ProjectLogStream(Engine engine, String project, LogOptions options) {
        this.engine = engine;
        this.project = project;
        this.options = options;
    }

    void begin() throws EngineException {
        if (options.follow()) {
            // subscribe before listing, so a container starting in between is not missed
            events = engine.subscribeEvents(Map.of(ComposeLabels.PROJECT, project), this::onEvent);
        }
        for (ContainerInfo c : engine.listContainers(Map.of(ComposeLabels.PROJECT, project,
                ComposeLabels.ONEOFF, "False"), true)) {
            if (wanted(c.service())) {
                attach(c.id(), c.name(), c.service(), options.tail());
            }
        }
        listed = true;
    }

    private boolean wanted(String service) {
        return options.services().isEmpty() || options.services().contains(service);
    }

    private void onEvent(EngineEvent event) {
        if (closed || !"container".equals(event.type()) || !"start".equals(event.action())) {
            return;
        }
        String service = event.attributes().getOrDefault(ComposeLabels.SERVICE, "");
        if ("True".equals(event.attributes().get(ComposeLabels.ONEOFF)) || !wanted(service)) {
            return;
        }
        try {
            attach(event.actorId(), event.attributes().getOrDefault("name", event.actorId()), service, -1);
        } catch (EngineException e) {
            offer(new LogLine(service, event.attributes().getOrDefault("name", ""), Instant.now(), true,
                    "[berth] cannot read this container's output: " + e.getMessage()));
        }
    }

    private void attach(String id, String name, String service, int tail) throws EngineException {
        if (closed) {
            return;
        }
        Instant since = lastSeen.get(id);
        // --since: the engine starts at its whole second; the reader drops what came before the instant
        Instant from = since != null ? since : options.since();
        // computeIfAbsent: one reader per container even when the listing and a start event race
        EngineException[] failure = new EngineException[1];
        attached.computeIfAbsent(id, key -> {
            openSources.incrementAndGet();
            try {
                return engine.streamOutput(id, new LogRequest(options.follow(), since == null ? tail : -1, from,
                        options.until()), new LineSplitter(id, name, service, since));
            } catch (EngineException e) {
                openSources.decrementAndGet();
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Cuts the engine's frames (which may end mid-line) into whole lines, per container and stream. */
    private final class LineSplitter implements OutputSink {
        private final String id;
        private final String name;
        private final String service;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        /** Lines up to here were delivered by an earlier reader of the same container (null: none). */
        private final Instant cutoff;

        LineSplitter(String id, String name, String service, Instant cutoff) {
            this.id = id;
            this.name = name;
            this.service = service;
            this.cutoff = cutoff;
        }

        @Override
        public void onOutput(boolean stderr, byte[] bytes) throws InterruptedException {
            ByteArrayOutputStream buffer = stderr ? err : out;
            for (byte b : bytes) {
                if (b == '\n') {
                    emit(stderr, buffer);
                } else {
                    buffer.write(b);
                }
            }
        }

        @Override
        public void onEnd(Throwable error) {
            try {
                if (out.size() > 0) {
                    emit(false, out);
                }
                if (err.size() > 0) {
                    emit(true, err);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                attached.remove(id);
                openSources.decrementAndGet();
            }
        }

        private void emit(boolean stderr, ByteArrayOutputStream buffer) throws InterruptedException {
            String raw = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            if (raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            Instant timestamp = null;
            String text = raw;
            int space = raw.indexOf(' ');
            if (space > 0) {
                try {
                    timestamp = Instant.parse(raw.substring(0, space));
                    text = raw.substring(space + 1);
                } catch (DateTimeParseException notATimestamp) {
                    // keep the whole line as text
                }
            }
            if (timestamp != null) {
                if (cutoff != null && !timestamp.isAfter(cutoff)) {
                    return; // already delivered before the container restarted
                }
                if ((options.since() != null && timestamp.isBefore(options.since()))
                        || (options.until() != null && !timestamp.isBefore(options.until()))) {
                    return; // within the engine's whole second, outside --since/--until
                }
                lastSeen.merge(id, timestamp, (a, b) -> a.isAfter(b) ? a : b);
            }
            LogLine line = new LogLine(service, name, timestamp, stderr, text);
            while (!closed) {
                if (queue.offer(line, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }
    }

    private void offer(LogLine line) {
        queue.offer(line);
    }

    @Override
    public LogLine poll(Duration timeout) {
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public int drainTo(Collection<? super LogLine> target, int max) {
        return queue.drainTo(target, max);
    }

    @Override
    public boolean isFinished() {
        if (options.follow() && !closed) {
            return false;
        }
        return (closed || listed) && openSources.get() == 0 && queue.isEmpty();
    }

    @Override
    public void close() {
        closed = true;
        if (events != null) {
            events.close();
        }
        for (Subscription s : attached.values()) {
            s.close();
        }
        attached.clear();
    }
}
