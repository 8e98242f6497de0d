package dev.berth.app.editor;

import dev.berth.app.common.FxTaskExecutor;
import dev.berth.compose.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Issue 6's editor benchmark (run by {@code scripts/bench-editor.sh}, never a test): the editor on a generated
 * 1,000-service file, a scripted edit session of bursts of keystrokes with pauses, and two figures:
 * <ul>
 *   <li>feedback: from the last keystroke of a burst to the pulse that shows its problems (underlines, gutter,
 *       Problems pane), which includes the {@link EditorPane#PAUSE} wait; also given without that wait;</li>
 *   <li>frame gaps: the longest time between two pulses (a post-layout pulse listener; the editor's pulse
 *       timer keeps pulses coming every frame) while typing and until the feedback shows.</li>
 * </ul>
 */
public final class EditorBenchmark extends Application {
    static final int SERVICES = 1000;
    static final int BURSTS = Integer.getInteger("bursts", 16);
    static final int KEYS_PER_BURST = 5;
    static final long KEY_INTERVAL_MS = 80;

    private final Map<Long, Long> shownAt = new ConcurrentHashMap<>();
    private volatile boolean recording;
    private volatile long lastPulse;
    private volatile long maxGap;
    private volatile long maxGapOverall;
    private volatile long opening;
    private volatile boolean openingPhase = true;
    private volatile long preLayout;
    private final List<String> openingFrames = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> typingFrames = java.util.Collections.synchronizedList(new ArrayList<>());
    private EditorPane editor;
    private volatile long fxThread;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private Path file;

    @Override
    public void start(Stage stage) throws Exception {
        fxThread = Thread.currentThread().threadId();
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Path dir = Files.createTempDirectory("berth-editor-bench");
        file = LargeComposeFile.write(dir, SERVICES);
        opening = System.nanoTime();
        long openingCpu = THREADS.getCurrentThreadCpuTime();
        editor = EditorPane.open(file, LoadOptions.discover(dir, Map.of("HOME", "/home/bench", "TOKEN", "t")),
                new FxTaskExecutor());
        Scene scene = new Scene((Parent) editor.node(), 1200, 800);
        scene.addPreLayoutPulseListener(() -> preLayout = System.nanoTime());
        scene.addPostLayoutPulseListener(() -> {
            long now = System.nanoTime();
            long layout = now - preLayout;
            if (lastPulse != 0) {
                long gap = now - lastPulse;
                if (openingPhase && gap > 100_000_000L) {
                    openingFrames.add(String.format("%.0f ms (CSS and layout %.0f ms) ending at %.0f ms%s", gap / 1e6,
                            layout / 1e6, (now - opening) / 1e6,
                            editor.readyProperty().get() ? " (shown)" : editor.openedNanos() > 0 ? " (text in)" : ""));
                }
                if (recording && !openingPhase && gap > 50_000_000L) {
                    // the JVM's uptime at the frame's end, to set beside -Xlog:gc's [uptime] (BENCH_JAVA_OPTS)
                    typingFrames.add(String.format("%.0f ms (CSS and layout %.0f ms) ending at %.3fs", gap / 1e6,
                            layout / 1e6, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
                }
                if (recording) {
                    maxGap = Math.max(maxGap, gap);
                    maxGapOverall = Math.max(maxGapOverall, gap);
                }
            }
            lastPulse = now;
        });
        editor.shownGenerationProperty().addListener((o, a, b) -> shownAt.put(b.longValue(), System.nanoTime()));
        // pulses every frame from the start, so a gap between two pulses is time the FX thread was busy, not idle
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
            }
        }.start();
        stage.setScene(scene);
        stage.show();
        recording = true; // opening: the text goes in on the FX thread in one replacement
        CountDownLatch ready = new CountDownLatch(1);
        editor.readyProperty().addListener((o, a, b) -> {
            if (b) {
                System.out.printf("opened and validated %d services (%,d characters) in %d ms; FX thread CPU meanwhile"
                                + " %d ms%n", SERVICES, editor.area().getLength(), (System.nanoTime() - opening) / 1_000_000,
                        (THREADS.getCurrentThreadCpuTime() - openingCpu) / 1_000_000);
                System.out.printf("the text going into the editor took the FX thread at most %.1f ms in one frame%n",
                        editor.openedNanos() / 1e6);
                ready.countDown();
            }
        });
        Thread.ofPlatform().daemon().name("bench-session").start(() -> {
            try {
                ready.await();
                session();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.runLater(() -> {
                    editor.close();
                    Platform.exit();
                });
            }
        });
    }

    /** Odd bursts type {@code zzzzz} into a key (an unknown key: an error), even bursts take it out again. */
    private void session() throws Exception {
        Thread.sleep(3000); // the colours of the big text are applied a batch per pulse after opening
        openingPhase = false;
        System.out.printf("longest frame from opening until 3 s after the first problems were shown: %.1f ms%n",
                maxGap / 1e6);
        System.out.println("frames over 100 ms in that time: " + openingFrames);
        maxGapOverall = 0;
        // where each burst types, from the file as written (every other burst takes its keys out again), so that
        // no getText() of the whole document runs on the FX thread inside a measured burst
        String text = Files.readString(file);
        List<Double> feedback = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        List<Double> keyWork = new ArrayList<>();
        List<Double> outcomeWork = new ArrayList<>();
        List<Double> keyCpu = new ArrayList<>();
        List<Double> burstCpu = new ArrayList<>();
        for (int burst = 0; burst < BURSTS; burst++) {
            int service = 100 + (burst / 2) * 97;
            String anchor = "  svc" + service + ":\n";
            int[] at = {text.indexOf(anchor) + anchor.length() + "    ".length()};
            // the first key of the service's body; after `image` or `build`... each burst types at the body's start
            maxGap = 0;
            recording = true;
            long burstStarted = System.currentTimeMillis();
            long cpuBefore = THREADS.getThreadCpuTime(fxThread);
            long lastKey = 0;
            boolean typing = burst % 2 == 0;
            for (int k = 0; k < KEYS_PER_BURST; k++) {
                int offset = at[0] + (typing ? k : KEYS_PER_BURST - 1 - k);
                long[] when = new long[1];
                long[] began = new long[1];
                long[] cpu = new long[1];
                onFx(() -> {
                    cpu[0] = THREADS.getCurrentThreadCpuTime();
                    began[0] = System.nanoTime();
                    if (typing) {
                        editor.area().insertText(offset, "z");
                    } else {
                        editor.area().deleteText(offset, offset + 1);
                    }
                    when[0] = System.nanoTime();
                    cpu[0] = THREADS.getCurrentThreadCpuTime() - cpu[0];
                });
                keyWork.add((when[0] - began[0]) / 1e6);
                keyCpu.add(cpu[0] / 1e6);
                lastKey = when[0];
                Thread.sleep(KEY_INTERVAL_MS);
            }
            long[] changes = new long[1];
            onFx(() -> changes[0] = editor.changes());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!shownAt.containsKey(changes[0]) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            Long shown = shownAt.get(changes[0]);
            Thread.sleep(100);
            recording = false;
            if (Boolean.getBoolean("bench.windows")) {   // to pick a burst's samples out of a flight recording
                System.out.printf("burst %d window: %d-%d (epoch ms)%n", burst + 1, burstStarted,
                        System.currentTimeMillis());
            }
            burstCpu.add((THREADS.getThreadCpuTime(fxThread) - cpuBefore) / 1e6);
            if (shown == null) {
                System.out.printf("burst %2d: no feedback within 20 s%n", burst + 1);
                continue;
            }
            double ms = (shown - lastKey) / 1e6;
            feedback.add(ms);
            outcomeWork.add(editor.lastOutcomeNanos() / 1e6);
            gaps.add(maxGap / 1e6);
            long errors = editor.problems().stream().filter(Problem::isError).count();
            System.out.printf("burst %2d (%s svc%d): feedback %6.1f ms after the last key (%6.1f ms after the %d ms pause),"
                            + " longest frame %5.1f ms, errors shown %d%s%n", burst + 1, typing ? "type  " : "delete",
                    service, ms, ms - EditorPane.PAUSE.toMillis(), EditorPane.PAUSE.toMillis(), maxGap / 1e6, errors,
                    typingFrames.isEmpty() ? "" : "; frames over 50 ms: " + typingFrames);
            typingFrames.clear();
            Thread.sleep(700);
        }
        System.out.printf("feedback after the last key: median %.1f ms, max %.1f ms (pause %d ms included)%n",
                median(feedback), feedback.stream().mapToDouble(d -> d).max().orElse(0), EditorPane.PAUSE.toMillis());
        System.out.printf("feedback after the pause:    median %.1f ms, max %.1f ms%n",
                median(feedback) - EditorPane.PAUSE.toMillis(),
                feedback.stream().mapToDouble(d -> d).max().orElse(0) - EditorPane.PAUSE.toMillis());
        System.out.printf("longest frame while typing and until feedback: median of bursts %.1f ms, max %.1f ms%n",
                median(gaps), maxGapOverall / 1e6);
        System.out.printf("FX thread per keystroke (change + restyle): median %.2f ms, max %.2f ms; per outcome shown:"
                        + " median %.2f ms, max %.2f ms%n", median(keyWork), keyWork.stream().mapToDouble(d -> d).max().orElse(0),
                median(outcomeWork), outcomeWork.stream().mapToDouble(d -> d).max().orElse(0));
        // CPU time of the FX thread: what the editor asks of it, much less bent by other processes than wall time
        System.out.printf("FX thread CPU per keystroke: median %.2f ms, max %.2f ms; per burst (5 keys, the outcome and"
                        + " every pulse until feedback + 100 ms): median %.1f ms, max %.1f ms%n", median(keyCpu),
                keyCpu.stream().mapToDouble(d -> d).max().orElse(0), median(burstCpu),
                burstCpu.stream().mapToDouble(d -> d).max().orElse(0));
        undoOfEverything();
    }

    /**
     * Select all, delete, then undo: the whole text comes back as plain text (the undo keeps no colours) and must
     * be coloured again. Prints the FX thread's time for the undo and the longest frame until every line has its
     * colours back.
     */
    private void undoOfEverything() throws Exception {
        String before = Files.readString(file);
        onFx(() -> editor.area().deleteText(0, editor.area().getLength()));
        Thread.sleep(1000);
        maxGap = 0;
        recording = true;
        long[] undo = new long[1];
        onFx(() -> {
            long started = System.nanoTime();
            editor.area().undo();
            undo[0] = System.nanoTime() - started;
        });
        long started = System.nanoTime();
        int last = before.split("\n", -1).length - 1;
        boolean[] coloured = {false};
        while (!coloured[0] && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(120)) {
            Thread.sleep(20);
            onFx(() -> {
                boolean all = true;
                for (int p = 0; p < last && all; p += 997) {   // every 997th line, and the last
                    all = colouredAsTyped(p) && colouredAsTyped(last - 1);
                }
                coloured[0] = all;
            });
        }
        long colouredAfter = System.nanoTime() - started;
        Thread.sleep(100);
        recording = false;
        System.out.printf("undo of deleting everything: the undo took the FX thread %.1f ms; every line coloured again"
                        + " after %.0f ms%s; longest frame meanwhile %.1f ms%n", undo[0] / 1e6,
                colouredAfter / 1e6, coloured[0] ? "" : " (not within 120 s)", maxGap / 1e6);
        System.out.println("frames over 50 ms meanwhile: " + typingFrames);
    }

    private boolean colouredAsTyped(int paragraph) {
        var line = editor.area().getParagraph(paragraph);
        var expected = EditorStyles.paragraph(line.getText(), List.of());
        return expected == null || EditorStyles.same(expected, line.getStyleSpans());
    }

    private static void onFx(Runnable action) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                action.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
