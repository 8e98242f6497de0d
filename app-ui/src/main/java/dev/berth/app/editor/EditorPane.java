package dev.berth.app.editor;

import dev.berth.app.common.TaskExecutor;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.diag.Diagnostic;
import dev.berth.compose.edit.ComposeDocument;
import dev.berth.compose.edit.LineEnding;
import dev.berth.compose.edit.LiveDocument;
import dev.berth.compose.edit.TextEdit;
import dev.berth.compose.edit.WriteResult;
import dev.berth.compose.knowledge.CaretContext;
import dev.berth.compose.knowledge.EditorKnowledge;
import dev.berth.compose.knowledge.QuickFix;
import dev.berth.compose.knowledge.QuickFixes;
import dev.berth.compose.source.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.PlainTextChange;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.StyledDocument;
import org.fxmisc.richtext.model.TwoDimensional.Bias;
import org.fxmisc.undo.UndoManager;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The compose editor: one compose file in a {@link CodeArea} with YAML colours, its problems underlined, marked
 * in the gutter and listed in a Problems pane, re-validated off the FX thread after each pause in typing.
 * Hover a key for its description, Ctrl+Space for completion, Ctrl+1 (or the lightbulb in the Problems pane)
 * for quick fixes, Ctrl+S to save with the file's own line endings, Ctrl+F to find.
 *
 * <p>Threads: file reads and writes, validation, completion and quick fixes run elsewhere; the FX thread only
 * touches nodes. Validation outcomes are picked up once per pulse, and only when no keystroke came after the
 * text they describe.
 */
public final class EditorPane {
    /**
     * How long typing must pause before the text is validated; keys typed while a run goes are folded into the
     * next run (one thread), so fast typing never queues up runs. Short enough that the problems show within
     * 150 ms of the last key (validation and one pulse take the rest).
     */
    static final Duration PAUSE = Duration.ofMillis(50);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COMPLETE = new KeyCodeCombination(KeyCode.SPACE, KeyCombination.CONTROL_DOWN);
    private static final KeyCombination FIX = new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN);
    private static final double COMPLETION_ROW = 26;
    /** How many lines show while a file is being opened: more than a screenful. */
    private static final int PREVIEW_LINES = 120;
    /** Lines spliced into the editor per frame while a file opens (about 5 to 10 ms of the FX thread). */
    private static final int OPENING_LINES = 1500;
    /** Lines coloured in one style call per frame after a change of many lines (an undo of a big deletion). */
    private static final int COLOUR_BATCH = 500;
    /** From this many lines on, opening a file is followed by a garbage collection (see settleAfterOpening). */
    private static final int SETTLE_LINES = 10_000;
    private static final String STYLESHEET = Objects.requireNonNull(
            EditorPane.class.getResource("/dev/berth/app/editor.css")).toExternalForm();

    private final Path file;
    private final LoadOptions options;
    private final TaskExecutor tasks;

    private final CodeArea area = new CodeArea();
    private final BorderPane root = new BorderPane();
    private final StackPane center = new StackPane();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ListView<Problem> problemsList = new ListView<>(problems);
    private final Label problemsTitle = new Label("Problems");
    private final Label status = new Label("Opening…");
    private final Label caretPlace = new Label();
    private final Label dirtyMarker = new Label("●");
    private final HBox diskBar = new HBox(8);
    private final Label diskMessage = new Label();
    private final FindBar findBar;
    private final Tooltip hover = new Tooltip();
    private final Popup completion = new Popup();
    private final ListView<Completion> completionList = new ListView<>();
    private final ContextMenu fixMenu = new ContextMenu();

    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private final LongProperty shownGeneration = new SimpleLongProperty(-1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-editor-pause");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService validator = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("berth-validate").factory());
    private final Debouncer debouncer = new Debouncer(PAUSE, timer, this::validateNow);
    private final AtomicReference<LiveValidation.Outcome> readyOutcome = new AtomicReference<>();
    private final AnimationTimer pulse;
    private Future<?> queuedRun;
    private volatile long lastOutcomeNanos;
    private volatile long openedNanos;

    private volatile ComposeDocument base;
    private volatile boolean saving;
    private volatile boolean diskNoticed;
    private volatile boolean closed;
    private LineEnding ending = LineEnding.LF;
    private LiveValidation validation;
    private boolean settingText;
    private boolean prestyled;
    /** The underlines each paragraph shows now (columns in its own text); paragraphs without any are absent. */
    private Map<Integer, List<EditorStyles.Mark>> shownMarks = new HashMap<>();
    private Map<Integer, List<Problem>> problemsByParagraph = Map.of();
    /** The gutter markers in the scene, by paragraph, so an outcome updates only the ones whose problems changed. */
    private final Map<Integer, List<Label>> markersOnScreen = new HashMap<>();
    private final javafx.beans.property.IntegerProperty lineDigits = new javafx.beans.property.SimpleIntegerProperty(3);
    private boolean opening;
    /** Lines that a big change left uncoloured, coloured a batch per frame; null when none. */
    private Stretch uncoloured;

    private EditorPane(Path file, LoadOptions options, TaskExecutor tasks) {
        this.file = file.toAbsolutePath().normalize();
        this.options = options;
        this.tasks = tasks;
        this.findBar = new FindBar(area);
        root.getStyleClass().add("compose-editor");
        root.getStylesheets().add(STYLESHEET);
        area.setId("editorArea");
        area.getStyleClass().add("compose-code");
        area.setEditable(false);
        // the gutter is as wide as the line count's digits, which change only when the count passes a power of
        // ten: not with every line that goes in while a big file opens (each change laid every line out anew)
        area.getParagraphs().addListener((javafx.collections.ListChangeListener<Object>) c -> {
            if (!opening) {
                lineDigits.set(digits(area.getParagraphs().size()));
            }
        });
        area.setParagraphGraphicFactory(this::gutter);

        var scroll = new VirtualizedScrollPane<>(area);
        center.getChildren().add(scroll);
        problemsList.setId("problemsList");
        problemsList.getStyleClass().add("problems-list");
        problemsList.setCellFactory(list -> new ProblemCell());
        problemsList.setPlaceholder(new Label("No problems found."));
        problemsTitle.getStyleClass().add("problems-title");
        VBox problemsPane = new VBox(problemsTitle, problemsList);
        problemsPane.getStyleClass().add("problems-pane");
        VBox.setVgrow(problemsList, Priority.ALWAYS);
        SplitPane split = new SplitPane(center, problemsPane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.75);
        SplitPane.setResizableWithParent(problemsPane, false);

        root.setTop(new VBox(toolbar(), diskBar(), findBar.node()));
        root.setCenter(split);
        root.setBottom(statusBar());
        setUpHover();
        setUpCompletion();
        fixMenu.getStyleClass().add("quick-fix-menu");
        area.setContextMenu(new ContextMenu(menuItem("Quick fix…  (Ctrl+1)", this::quickFixAtCaret),
                menuItem("Complete  (Ctrl+Space)", this::complete)));
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        area.caretPositionProperty().addListener((o, a, b) -> caretPlace.setText(
                "Ln " + (area.getCurrentParagraph() + 1) + ", Col " + (area.getCaretColumn() + 1)));

        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                applyOutcome();
                colourABatch();
            }
        };
    }

    /**
     * An editor for {@code composeFile}, one of the compose files of the project {@code options} describe. The
     * file is read and validated on {@code tasks}; until then the editor says it is opening.
     */
    public static EditorPane open(Path composeFile, LoadOptions options, TaskExecutor tasks) {
        EditorPane pane = new EditorPane(composeFile, options, tasks);
        pane.load();
        return pane;
    }

    public Node node() {
        return root;
    }

    public Path file() {
        return file;
    }

    /** Whether the text differs from the file as last read or saved. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** True once the file is read and its first validation is shown. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** How many changes the problems on screen account for (compare {@link #changes()}); for tests and benchmarks. */
    public ReadOnlyLongProperty shownGenerationProperty() {
        return shownGeneration;
    }

    /** How many changes have been typed since the file was opened. */
    public long changes() {
        return validation == null ? 0 : validation.typed();
    }

    public CodeArea area() {
        return area;
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** The hover popup (a problem's message or a key's description). */
    public Tooltip hover() {
        return hover;
    }

    /** Stops validation and the watch on the file; the node stays as it is. */
    public void close() {
        closed = true;
        pulse.stop();
        debouncer.cancel();
        timer.shutdownNow();
        validator.shutdownNow();
        hover.hide();
        completion.hide();
    }

    // ---------------------------------------------------------------- opening and validating

    /** The file as read, its live document, and its text with colours, all computed off the FX thread. */
    private record Opened(ComposeDocument document, String text, LiveDocument live,
                          StyledDocument<Collection<String>, String, Collection<String>> styled) {
        int lines() {
            int count = 1;
            for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
                count++;
            }
            return count;
        }
    }

    /**
     * Reads the file, shows its first screenfuls at once (read-only, coloured) while the whole file is validated,
     * then puts the whole file in. The first screenfuls also make the first cells, their CSS and the font's
     * glyphs before the big replacement, so the pulse after it runs warm.
     */
    private void load() {
        tasks.run(() -> {
            ComposeDocument document = ComposeDocument.read(file);
            String text = DiskText.toEditor(document.text());
            return new Opened(document, text, null, EditorStyles.document(firstLines(text, PREVIEW_LINES)));
        }, preview -> {
            if (closed) {
                return;
            }
            lineDigits.set(digits(preview.lines()));   // the gutter as wide as the whole file needs, from the start
            opening = true;
            settingText = true;
            area.replace(0, area.getLength(), preview.styled());
            settingText = false;
            area.moveTo(0);
            tasks.run(() -> new Opened(preview.document(), preview.text(),
                            LiveDocument.open(options, file, preview.text()), EditorStyles.document(preview.text())),
                    this::opened, e -> failed("Cannot open " + file.getFileName() + ": " + e.getMessage()));
        }, e -> failed("Cannot open " + file.getFileName() + ": " + e.getMessage()));
    }

    /** The first {@code count} lines of {@code text}, without the line break after the last. */
    static String firstLines(String text, int count) {
        int end = -1;
        for (int i = 0; i < count; i++) {
            end = text.indexOf('\n', end + 1);
            if (end < 0) {
                return text;
            }
        }
        return text.substring(0, end);
    }

    /**
     * The text goes in already coloured: its paragraphs and their style spans were built off the FX thread
     * ({@link EditorStyles#document}), and the FX thread splices the finished document in, {@link #OPENING_LINES}
     * lines per frame, so that no frame waits for a big file (37,000 lines in one go took 90-380 ms). The editor
     * stays read-only until the last lines are in.
     */
    private void opened(Opened o) {
        // the first screenfuls are in already (the same lines, coloured the same): the rest goes in after them
        int shown = area.getLength();
        boolean previewHolds = o.text().startsWith(area.getText());
        List<Integer> cuts = lineCuts(o.text(), previewHolds ? shown : 0, OPENING_LINES);
        // (opening is set since the preview) the caret goes back to the top before the rest goes in: moving it
        // back from the end of 37,000 lines took 20-40 ms
        area.moveTo(0);
        new AnimationTimer() {
            private int next;
            private int from = previewHolds ? shown : 0;

            @Override
            public void handle(long now) {
                if (closed) {
                    stop();
                    return;
                }
                long started = System.nanoTime();
                if (next == cuts.size()) {
                    stop();
                    opening = false;
                    allIn(o);
                } else {
                    int to = cuts.get(next++);
                    settingText = true;
                    if (!previewHolds && next == 1) {
                        area.replace(0, area.getLength(), o.styled().subSequence(0, to));
                    } else if (to > from) {
                        // into the document itself: the area's own replace would also move the caret to the end
                        area.getContent().replace(area.getLength(), area.getLength(), o.styled().subSequence(from, to));
                    }
                    settingText = false;
                    from = to;
                }
                openedNanos = Math.max(openedNanos, System.nanoTime() - started);
            }
        }.start();
    }

    private static int digits(int count) {
        return Math.max(3, Integer.toString(count).length());
    }

    /**
     * Where {@code text} from {@code start} is cut into pieces of {@code lines} lines: the offsets of the line
     * breaks that end each piece (a piece starts with the line break before its first line), then the text's
     * length.
     */
    static List<Integer> lineCuts(String text, int start, int lines) {
        List<Integer> cuts = new ArrayList<>();
        int at = start;
        while (true) {
            for (int i = 0; i < lines && at < text.length(); i++) {
                at = text.indexOf('\n', at + 1);
                if (at < 0) {
                    at = text.length();
                }
            }
            if (at >= text.length()) {
                cuts.add(text.length());
                return cuts;
            }
            cuts.add(at);
        }
    }

    /** The whole file is in: it becomes editable, and is validated from now on. */
    private void allIn(Opened o) {
        // only now: a save before the last piece is in would write the file cut short
        base = o.document();
        ending = o.document().lineEnding();
        validation = new LiveValidation(o.live(), file.toString());
        area.plainTextChanges().subscribe(this::changed);
        warmUpTyping();
        area.getUndoManager().forgetHistory();
        area.getUndoManager().mark();
        if (area.getCaretPosition() != 0) {
            area.moveTo(0);
        }
        area.requestFollowCaret();
        area.setEditable(true);
        Platform.runLater(area::requestFocus);   // a frame of its own: focusing restyles what is on screen
        dirty.bind(javafx.beans.binding.Bindings.not(area.getUndoManager().atMarkedPositionProperty()));
        pulse.start();
        debouncer.now();
        watchDisk();
    }

    /**
     * A keystroke's whole path on the FX thread (the document change, its line restyled, the edit handed to the
     * validation, the pause timer) run once before the first real one: a space typed at the top and taken out again
     * in this frame, never drawn, and forgotten by the undo history. Its classes are then loaded and linked before
     * the user types, not in the first keystroke's frame (15-20 ms of it in a 1,000-service file). The validation
     * sees the text unchanged.
     */
    private void warmUpTyping() {
        area.insertText(0, " ");
        area.deleteText(0, 1);
    }

    private void failed(String message) {
        status.setText(message);
        Label error = new Label(message + "\nFix the file in another editor, then open it again.");
        error.getStyleClass().add("editor-error");
        error.setWrapText(true);
        center.getChildren().setAll(error);
        StackPane.setAlignment(error, Pos.CENTER);
    }

    /** Every change, typed or applied: restyle its lines now, validate after the pause. */
    private void changed(PlainTextChange change) {
        if (settingText || validation == null) {
            return;
        }
        validation.edited(new TextEdit(change.getPosition(), change.getRemoved().length(), change.getInserted()));
        debouncer.poke();
        int first = area.offsetToPosition(change.getPosition(), Bias.Forward).getMajor();
        int last = area.offsetToPosition(change.getInsertionEnd(), Bias.Forward).getMajor();
        int delta = lineBreaks(change.getInserted()) - lineBreaks(change.getRemoved());
        if (delta != 0) {
            shownMarks = shifted(shownMarks, first, delta);
        }
        if (uncoloured != null) {
            uncoloured = uncoloured.after(first, last, delta, area.getParagraphs().size());
        }
        if (prestyled) {
            // a replacement that came with its colours (a reload): nothing to colour, and no underline is left
            shownMarks.keySet().removeIf(p -> p >= first && p <= last);
            return;
        }
        if (last - first >= COLOUR_BATCH) {
            // many lines at once (an undo of a big deletion, a big paste): the lines on screen now, the rest a batch
            // per frame; one paragraph at a time, 37,000 lines held the FX thread for 18 s
            shownMarks.keySet().removeIf(p -> p >= first && p <= last);
            uncoloured = uncoloured == null ? new Stretch(first, last) : uncoloured.with(first, last);
            int top;
            int bottom;
            try {
                top = Math.max(first, area.firstVisibleParToAllParIndex());
                bottom = Math.min(last, area.lastVisibleParToAllParIndex());
            } catch (RuntimeException noLinesOnScreen) {   // not laid out yet: the batches will colour them
                return;
            }
            for (int p = top; p <= bottom; p++) {
                restyle(p, List.of());
            }
            return;
        }
        for (int p = first; p <= last; p++) {
            restyle(p, List.of());
        }
    }

    /** Paragraphs {@code from}..{@code to} (inclusive) still to be coloured. */
    record Stretch(int from, int to) {
        Stretch with(int first, int last) {
            return new Stretch(Math.min(from, first), Math.max(to, last));
        }

        /** The stretch after a change of lines {@code first}..{@code last} that added {@code delta} lines. */
        Stretch after(int first, int last, int delta, int paragraphs) {
            int a = from > first ? Math.max(first, from + delta) : from;
            int b = to > first ? Math.max(first, to + delta) : to;
            a = Math.min(a, paragraphs - 1);
            b = Math.min(b, paragraphs - 1);
            return a <= b ? new Stretch(a, b) : null;
        }
    }

    /** One batch of the lines still uncoloured, in one style call (from the pulse: once per frame). */
    private void colourABatch() {
        Stretch todo = uncoloured;
        if (todo == null) {
            return;
        }
        int from = todo.from();
        int to = Math.min(todo.to(), Math.min(from + COLOUR_BATCH - 1, area.getParagraphs().size() - 1));
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        boolean any = false;
        for (int p = from; p <= to; p++) {
            String line = area.getParagraph(p).getText();
            List<EditorStyles.Mark> marks = shownMarks.getOrDefault(p, List.of());
            StyleSpans<Collection<String>> styles = EditorStyles.paragraph(line, marks);
            if (styles != null) {
                spans.addAll(styles);
                any = true;
            }
            if (p < to) {
                spans.add(List.of(), 1);   // the line break
                any = true;
            }
        }
        if (any) {
            area.setStyleSpans(area.getAbsolutePosition(from, 0), spans.create());
        }
        uncoloured = to >= todo.to() ? null : new Stretch(to + 1, todo.to());
    }

    /**
     * What was known by paragraph before a change at paragraph {@code first} that added {@code delta} line
     * breaks, by paragraph after it: those below move; those joined into {@code first} are dropped.
     */
    static <V> Map<Integer, V> shifted(Map<Integer, V> byParagraph, int first, int delta) {
        Map<Integer, V> moved = new HashMap<>();
        byParagraph.forEach((p, v) -> {
            if (p <= first) {
                moved.put(p, v);
            } else if (delta > 0 || p > first - delta) {
                moved.put(p + delta, v);
            }
        });
        return moved;
    }

    /** Called by the pause timer: one validation run at a time; a run waiting behind is replaced, not queued. */
    private synchronized void validateNow() {
        if (closed) {
            return;
        }
        if (queuedRun != null) {
            queuedRun.cancel(false);
        }
        queuedRun = validator.submit(() -> readyOutcome.set(validation.run()));
    }

    /** The longest time the FX thread took for one step of putting the opened text in. */
    long openedNanos() {
        return openedNanos;
    }

    /** How long the FX thread took to show the last outcome; for the benchmark. */
    long lastOutcomeNanos() {
        return lastOutcomeNanos;
    }

    /** Once per pulse: show the newest outcome, unless the text moved on since it was computed. */
    private void applyOutcome() {
        LiveValidation.Outcome outcome = readyOutcome.getAndSet(null);
        if (outcome == null || outcome.generation() != validation.typed()) {
            return;
        }
        long started = System.nanoTime();
        // underlines: only the paragraphs whose marks differ from what they show
        Map<Integer, List<EditorStyles.Mark>> marks = outcome.marks();
        Set<Integer> marked = new HashSet<>(shownMarks.keySet());
        marked.addAll(marks.keySet());
        for (int paragraph : marked) {
            List<EditorStyles.Mark> want = marks.getOrDefault(paragraph, List.of());
            if (!want.equals(shownMarks.getOrDefault(paragraph, List.of()))) {
                restyle(paragraph, want);
            }
        }
        // gutter: only the markers on screen whose problems changed
        Map<Integer, List<Problem>> before = problemsByParagraph;
        problemsByParagraph = outcome.byParagraph();
        Set<Integer> gutters = new HashSet<>(before.keySet());
        gutters.addAll(problemsByParagraph.keySet());
        for (int paragraph : gutters) {
            List<Problem> now = problemsByParagraph.getOrDefault(paragraph, List.of());
            if (!Objects.equals(markerText(before.getOrDefault(paragraph, List.of())), markerText(now))) {
                markersOnScreen.getOrDefault(paragraph, List.of()).forEach(marker -> showMarker(marker, now));
            }
        }
        showProblems(outcome.problems());
        long errors = outcome.errors();
        long warnings = outcome.problems().size() - errors;
        problemsTitle.setText("Problems (" + outcome.problems().size() + ")");
        status.setText(errors == 0 && warnings == 0 ? "No problems" : errors == 0 ? plural(warnings, "warning")
                : warnings == 0 ? plural(errors, "error") : plural(errors, "error") + " · " + plural(warnings, "warning"));
        lastOutcomeNanos = System.nanoTime() - started;
        shownGeneration.set(outcome.generation());
        if (!ready.get()) {
            warmUpProblemRows();
            settleAfterOpening();
        }
        ready.set(true);
    }

    /**
     * A big file leaves the heap full of what opening it built (the document's paragraphs, the first validation),
     * alive, beside what opening threw away: left to itself, G1 copied it at the next young pauses and then ran a
     * concurrent cycle and mixed collections, pauses of 20-50 ms that fell into the first keystrokes. Asked now,
     * while the file has just appeared, a full collection (150-180 ms for a 1,000-service file, in the frames of
     * opening, which take 300-450 ms anyway) packs what lives into the old generation, and typing then sees young
     * pauses of 3-19 ms only (docs/benchmarks.md, 2026-11-26 11:25). The call waits for the collection, so it runs
     * on a platform thread of its own: on a virtual thread it would hold one of the carriers that the
     * validation's virtual thread runs on.
     */
    private void settleAfterOpening() {
        if (area.getParagraphs().size() >= SETTLE_LINES) {
            Thread.ofPlatform().daemon().name("berth-editor-settle").start(System::gc);
        }
    }

    /**
     * Makes the Problems pane's first rows, a gutter marker and underlines while the file opens: two stand-in
     * problems go in and out again before any pulse, so they are never drawn, and the list keeps the cells it
     * made. The first problems typed then reuse them; making them (nodes, tooltips, icons, CSS and layout) cost a
     * 90 to 240 ms frame in the middle of typing, and the first underlines' CSS 15-30 ms.
     */
    private void warmUpProblemRows() {
        if (!problems.isEmpty() || problemsList.getScene() == null) {
            return;
        }
        // an error and a warning, in this file (so their rows show the quick-fix button): two cells, as the
        // first problems typed usually make
        Position top = new Position(file.toString(), 1, 1);
        Problem standIn = new Problem(Diagnostic.error(top, "", "stand-in"), 0, 0, 1);
        Problem second = new Problem(Diagnostic.warning(top, "", "stand-in"), 0, 0, 1);
        problems.addAll(standIn, second);
        problemsList.applyCss();
        problemsList.layout();
        problems.removeAll(standIn, second);
        // an error and a warning underlined on a line in view (the underlines' shapes and their CSS), put back
        try {
            int paragraph = area.firstVisibleParToAllParIndex();
            String text = area.getParagraph(paragraph).getText();
            if (text.length() >= 2) {
                List<EditorStyles.Mark> before = shownMarks.getOrDefault(paragraph, List.of());
                restyle(paragraph, List.of(new EditorStyles.Mark(0, 1, true), new EditorStyles.Mark(1, 2, false)));
                area.applyCss();
                area.layout();
                restyle(paragraph, before);
            }
        } catch (RuntimeException notLaidOut) {
            // no line in view yet: the first underline typed styles them
        }
        // and a gutter marker's icon and tooltip, on a line in view, put back as it was at once
        markersOnScreen.values().stream().flatMap(List::stream).findFirst().ifPresent(marker -> {
            showMarker(marker, List.of(standIn));
            marker.applyCss();
            showMarker(marker, List.of(second));
            marker.applyCss();
            showMarker(marker, List.of());
        });
    }

    /** Colours one paragraph and underlines {@code marks} on it (columns in its text). */
    private void restyle(int paragraph, List<EditorStyles.Mark> marks) {
        if (paragraph < 0 || paragraph >= area.getParagraphs().size()) {
            return;
        }
        String line = area.getParagraph(paragraph).getText();
        StyleSpans<Collection<String>> styles = EditorStyles.paragraph(line, marks);
        // typing inside a word mostly leaves its colours as they were: then there is no document update to make
        if (styles != null && !EditorStyles.same(styles, area.getParagraph(paragraph).getStyleSpans())) {
            area.setStyleSpans(paragraph, 0, styles);
        }
        if (marks.isEmpty() || styles == null) {
            shownMarks.remove(paragraph);
        } else {
            shownMarks.put(paragraph, marks);
        }
    }

    /** Problems list: only the stretch between what stayed the same at either end is replaced. */
    private void showProblems(List<Problem> now) {
        int same = Math.min(problems.size(), now.size());
        int prefix = 0;
        while (prefix < same && problems.get(prefix).equals(now.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < same - prefix
                && problems.get(problems.size() - 1 - suffix).equals(now.get(now.size() - 1 - suffix))) {
            suffix++;
        }
        int oldEnd = problems.size() - suffix;
        int newEnd = now.size() - suffix;
        if (prefix < oldEnd) {
            problems.remove(prefix, oldEnd);
        }
        if (prefix < newEnd) {
            problems.addAll(prefix, now.subList(prefix, newEnd));
        }
    }

    /**
     * A line's gutter: its problem marker and its number. The marker is listed while it is in the scene, so an
     * outcome updates the few markers that change instead of the factory rebuilding every visible line.
     */
    private Node gutter(int paragraph) {
        Label number = new Label();
        number.getStyleClass().add("lineno");
        String text = Integer.toString(paragraph + 1);
        number.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> " ".repeat(Math.max(0, lineDigits.get() - text.length())) + text, lineDigits));
        Label marker = new Label();
        marker.getStyleClass().add("gutter-marker");
        showMarker(marker, problemsByParagraph.getOrDefault(paragraph, List.of()));
        marker.sceneProperty().addListener((o, was, now) -> {
            if (now != null && was == null) {
                markersOnScreen.computeIfAbsent(paragraph, k -> new ArrayList<>(2)).add(marker);
                showMarker(marker, problemsByParagraph.getOrDefault(paragraph, List.of()));
            } else if (now == null) {
                List<Label> here = markersOnScreen.get(paragraph);
                if (here != null && here.remove(marker) && here.isEmpty()) {
                    markersOnScreen.remove(paragraph);
                }
            }
        });
        HBox box = new HBox(marker, number);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("gutter");
        return box;
    }

    private static void showMarker(Label marker, List<Problem> here) {
        String text = markerText(here);
        if (Objects.equals(text, marker.getUserData())) {
            return;
        }
        marker.setUserData(text);
        if (text == null) {
            marker.setGraphic(null);
            marker.setTooltip(null);
            return;
        }
        boolean error = here.stream().anyMatch(Problem::isError);
        FontIcon icon = new FontIcon(error ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add(error ? "gutter-error" : "gutter-warning");
        marker.setGraphic(icon);
        marker.setTooltip(new Tooltip(String.join("\n", here.stream().map(p -> p.diagnostic().message()).toList())));
    }

    /** What a marker says (null: no marker); two lists with the same text look the same in the gutter. */
    private static String markerText(List<Problem> here) {
        if (here.isEmpty()) {
            return null;
        }
        String messages = String.join("\n", here.stream().map(p -> p.diagnostic().message()).toList());
        return (here.stream().anyMatch(Problem::isError) ? "error\n" : "warning\n") + messages;
    }

    // ---------------------------------------------------------------- hover

    private void setUpHover() {
        hover.getStyleClass().add("editor-hover");
        hover.setWrapText(true);
        hover.setMaxWidth(520);
        area.setMouseOverTextDelay(java.time.Duration.ofMillis(400));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> {
            int index = e.getCharacterIndex();
            double x = e.getScreenPosition().getX();
            double y = e.getScreenPosition().getY() + 16;
            List<String> messages = problems.stream().filter(p -> p.isInThisFile() && p.start() <= index && index < p.end())
                    .map(p -> p.diagnostic().severity().label() + ": " + p.diagnostic().message()).toList();
            if (!messages.isEmpty()) {
                showHover(String.join("\n", messages), x, y);
                return;
            }
            var place = area.offsetToPosition(index, Bias.Forward);
            String text = area.getText();
            long at = changes();
            tasks.run(() -> EditorKnowledge.at(text, place.getMajor() + 1, place.getMinor() + 1), context -> {
                if (changes() == at && context.role() == CaretContext.Role.KEY) {
                    context.hover().ifPresent(doc -> showHover(doc.name() + " — " + doc.description(), x, y));
                }
            }, error -> { });
        });
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> hover.hide());
    }

    private void showHover(String text, double x, double y) {
        hover.setText(text);
        if (area.getScene() != null && area.getScene().getWindow() != null) {
            hover.show(area, x, y);
        }
    }

    // ---------------------------------------------------------------- completion

    /** One completion: what is inserted and what the list shows beside it. */
    public record Completion(String text, String insert, String description) {
    }

    private void setUpCompletion() {
        completionList.setId("completionList");
        completionList.getStyleClass().add("completion-list");
        completionList.getStylesheets().add(STYLESHEET);
        completionList.setFixedCellSize(COMPLETION_ROW);
        completionList.setPrefWidth(460);
        completionList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Completion item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label name = new Label(item.text());
                name.getStyleClass().add("completion-name");
                Label description = new Label(item.description());
                description.getStyleClass().add("completion-description");
                description.setMinWidth(0);
                HBox row = new HBox(10, name, description);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
                setText(null);
            }
        });
        completionList.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.TAB) {
                insertCompletion(completionList.getSelectionModel().getSelectedItem());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                completion.hide();
                e.consume();
            }
        });
        completionList.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                insertCompletion(completionList.getSelectionModel().getSelectedItem());
            }
        });
        completion.getContent().add(completionList);
        completion.setAutoHide(true);
    }

    /** Ctrl+Space: keys allowed at the caret and the values known there, filtered by the word typed so far. */
    public void complete() {
        if (validation == null) {
            return;
        }
        int line = area.getCurrentParagraph();
        int column = area.getCaretColumn();
        String prefix = wordBeforeCaret();
        String text = area.getText();
        tasks.run(() -> completions(EditorKnowledge.at(text, line + 1, column + 1), prefix), items -> {
            if (items.isEmpty()) {
                status.setText("No completions here");
                return;
            }
            completionList.getItems().setAll(items);
            completionList.setPrefHeight(Math.min(items.size(), 10) * COMPLETION_ROW + 4);
            completionList.getSelectionModel().selectFirst();
            completionList.scrollTo(0);
            Bounds caret = area.getCaretBounds().orElse(null);
            if (caret != null && area.getScene() != null) {
                completion.show(area, caret.getMinX(), caret.getMaxY() + 2);
                completionList.requestFocus();
            }
        }, error -> status.setText("Completion failed: " + error.getMessage()));
    }

    static List<Completion> completions(CaretContext context, String prefix) {
        List<Completion> items = new ArrayList<>();
        if (context.role() == CaretContext.Role.KEY) {
            context.allowedKeys().forEach(k -> items.add(new Completion(k.name(), k.name() + ": ", k.description())));
            context.knownValues().forEach(v -> items.add(new Completion(v, v + ":", "defined in this file")));
        } else if (context.role() == CaretContext.Role.VALUE) {
            context.knownValues().forEach(v -> items.add(new Completion(v, v, "")));
        }
        String p = prefix.toLowerCase(java.util.Locale.ROOT);
        return items.stream().filter(c -> c.text().toLowerCase(java.util.Locale.ROOT).startsWith(p)).toList();
    }

    private String wordBeforeCaret() {
        String line = area.getParagraph(area.getCurrentParagraph()).getText();
        int end = Math.min(area.getCaretColumn(), line.length());
        int start = end;
        while (start > 0 && !Character.isWhitespace(line.charAt(start - 1)) && "[]{},:\"'".indexOf(line.charAt(start - 1)) < 0) {
            start--;
        }
        return line.substring(start, end);
    }

    private void insertCompletion(Completion item) {
        completion.hide();
        if (item == null) {
            return;
        }
        int caret = area.getCaretPosition();
        String prefix = wordBeforeCaret();
        area.replaceText(caret - prefix.length(), caret, item.insert());
        area.requestFocus();
    }

    // ---------------------------------------------------------------- quick fixes

    /** Ctrl+1: the fixes of the problems at the caret (or on its line), in a menu at the caret. */
    public void quickFixAtCaret() {
        int caret = area.getCaretPosition();
        int line = area.getCurrentParagraph() + 1;
        List<Problem> here = problems.stream().filter(p -> p.isInThisFile() && p.start() <= caret && caret <= p.end()).toList();
        if (here.isEmpty()) {
            here = problems.stream().filter(p -> p.isInThisFile() && p.line() == line).toList();
        }
        Bounds at = area.getCaretBounds().orElse(null);
        if (at == null) {
            return;
        }
        showFixes(here, menu -> menu.show(area, at.getMinX(), at.getMaxY() + 2));
    }

    /** The fixes of {@code problem}, computed off the FX thread, shown by {@code show}. */
    private void showFixes(List<Problem> these, java.util.function.Consumer<ContextMenu> show) {
        String text = area.getText();
        long at = changes();
        String name = file.toString();
        List<Diagnostic> diagnostics = these.stream().map(Problem::diagnostic).toList();
        tasks.run(() -> {
            ComposeDocument document = ComposeDocument.of(name, text);
            return diagnostics.stream().flatMap(d -> QuickFixes.of(document, d).stream()).toList();
        }, fixes -> {
            fixMenu.getItems().clear();
            for (QuickFix fix : fixes) {
                MenuItem item = menuItem(fix.title(), () -> applyFix(fix, at));
                item.setGraphic(new FontIcon(Feather.ZAP));
                fixMenu.getItems().add(item);
            }
            if (fixes.isEmpty()) {
                MenuItem none = new MenuItem(these.isEmpty() ? "No problem here" : "No quick fix for this problem");
                none.setDisable(true);
                fixMenu.getItems().add(none);
            }
            show.accept(fixMenu);
        }, error -> status.setText("Quick fixes failed: " + error.getMessage()));
    }

    /** One replacement over the stretch the fix touches: one undo step, and only the fix's characters change. */
    private void applyFix(QuickFix fix, long computedAt) {
        if (changes() != computedAt) {
            status.setText("The text changed since the fix was computed; press Ctrl+1 again");
            return;
        }
        if (fix.edits().isEmpty()) {
            return;
        }
        int start = fix.edits().stream().mapToInt(TextEdit::offset).min().orElseThrow();
        int end = fix.edits().stream().mapToInt(TextEdit::end).max().orElseThrow();
        String text = area.getText(start, end);
        List<TextEdit> local = fix.edits().stream()
                .map(e -> new TextEdit(e.offset() - start, e.length(), e.replacement())).toList();
        area.replaceText(start, end, TextEdit.apply(text, local));
        area.requestFocus();
    }

    // ---------------------------------------------------------------- saving and the file on disk

    /** Ctrl+S: writes the text with the file's own line endings, atomically, unless the file changed on disk. */
    public void save() {
        if (base == null || opening) {
            return;   // nothing to save until the whole file is in
        }
        UndoManager.UndoPosition position = area.getUndoManager().getCurrentPosition();
        String disk = DiskText.toDisk(area.getText(), ending);
        ComposeDocument from = base;
        saving = true;
        status.setText("Saving…");
        tasks.run(() -> from.withText(disk).write(), result -> {
            saving = false;
            switch (result) {
                case WriteResult.Written w -> {
                    base = w.document();
                    diskNoticed = false;
                    position.mark();
                    diskBar.setVisible(false);
                    diskBar.setManaged(false);
                    status.setText("Saved " + file.getFileName());
                }
                case WriteResult.ChangedOnDisk c -> askReloadOrOverwrite(disk, position);
                case WriteResult.Failed f -> status.setText(f.message());
            }
        }, error -> {
            saving = false;
            status.setText("Cannot save: " + error.getMessage());
        });
    }

    private void askReloadOrOverwrite(String disk, UndoManager.UndoPosition position) {
        ButtonType reload = new ButtonType("Reload", ButtonBar.ButtonData.LEFT);
        ButtonType overwrite = new ButtonType("Overwrite", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, file.getFileName() + " was changed by another program since "
                + "Berth read it.\n\nReload: show the file as it is on disk (Ctrl+Z brings your text back).\n"
                + "Overwrite: replace it with your text; the other change is lost.", reload, overwrite, ButtonType.CANCEL);
        alert.setHeaderText("The file changed on disk");
        if (area.getScene() != null) {
            alert.initOwner(area.getScene().getWindow());
        }
        alert.showAndWait().ifPresent(choice -> {
            if (choice == reload) {
                reload();
            } else if (choice == overwrite) {
                saving = true;
                tasks.run(() -> ComposeDocument.read(file).withText(disk).write(), result -> {
                    saving = false;
                    if (result instanceof WriteResult.Written w) {
                        base = w.document();
                        diskNoticed = false;
                        position.mark();
                        status.setText("Saved " + file.getFileName() + " over the change on disk");
                    } else {
                        status.setText("Cannot save: " + result);
                    }
                }, error -> {
                    saving = false;
                    status.setText("Cannot save: " + error.getMessage());
                });
            }
        });
    }

    /** Shows the file as it is on disk; one undoable replacement, so Ctrl+Z brings the editor's text back. */
    public void reload() {
        tasks.run(() -> {
            ComposeDocument document = ComposeDocument.read(file);
            String text = DiskText.toEditor(document.text());
            return new Opened(document, text, null, EditorStyles.document(text));
        }, o -> {
            base = o.document();
            ending = o.document().lineEnding();
            diskNoticed = false;
            diskBar.setVisible(false);
            diskBar.setManaged(false);
            if (!o.text().equals(area.getText())) {
                int caret = Math.min(area.getCaretPosition(), o.text().length());
                prestyled = true;
                try {
                    area.replace(0, area.getLength(), o.styled());
                } finally {
                    prestyled = false;
                }
                area.moveTo(caret);
            }
            area.getUndoManager().mark();
            status.setText("Reloaded " + file.getFileName());
        }, error -> status.setText("Cannot reload: " + error.getMessage()));
    }

    /** Once a second, off the FX thread: did another program change the file? */
    private void watchDisk() {
        Thread.ofVirtual().name("berth-editor-watch").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(1000);
                    ComposeDocument now = base;
                    if (!saving && !diskNoticed && now != null && now.fingerprint().isPresent()
                            && !now.fingerprint().get().matches(file)) {
                        diskNoticed = true;
                        Platform.runLater(() -> changedOnDisk(now));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (java.io.IOException e) {
                    // unreadable for a moment (an editor replacing it): look again next time
                }
            }
        });
    }

    private void changedOnDisk(ComposeDocument seen) {
        if (saving || seen != base) {
            diskNoticed = false; // a save of ours moved the fingerprint; look again
            return;
        }
        if (!dirty.get()) {
            reload();
            return;
        }
        diskMessage.setText(file.getFileName() + " changed on disk, and you have unsaved changes.");
        diskBar.setVisible(true);
        diskBar.setManaged(true);
    }

    // ---------------------------------------------------------------- layout

    private Node toolbar() {
        Label name = new Label(file.getFileName().toString(), new FontIcon(Feather.FILE_TEXT));
        name.getStyleClass().add("editor-file");
        name.setTooltip(new Tooltip(file.toString()));
        dirtyMarker.setId("dirtyMarker");
        dirtyMarker.getStyleClass().add("dirty-marker");
        dirtyMarker.setTooltip(new Tooltip("Unsaved changes"));
        dirtyMarker.visibleProperty().bind(dirty);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button save = new Button("Save", new FontIcon(Feather.SAVE));
        save.setId("saveButton");
        save.setTooltip(new Tooltip("Save (Ctrl+S)"));
        save.disableProperty().bind(dirty.not());
        save.setOnAction(e -> save());
        Button find = new Button(null, new FontIcon(Feather.SEARCH));
        find.setTooltip(new Tooltip("Find (Ctrl+F)"));
        find.setOnAction(e -> findBar.open());
        Button fix = new Button(null, new FontIcon(Feather.ZAP));
        fix.setTooltip(new Tooltip("Quick fix at the caret (Ctrl+1)"));
        fix.setOnAction(e -> quickFixAtCaret());
        HBox bar = new HBox(6, name, dirtyMarker, grow, fix, find, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("editor-toolbar");
        return bar;
    }

    private Node diskBar() {
        Button reload = new Button("Reload");
        reload.setId("reloadButton");
        reload.setOnAction(e -> reload());
        Button keep = new Button("Keep mine");
        keep.setOnAction(e -> {
            diskBar.setVisible(false);
            diskBar.setManaged(false);
        });
        diskMessage.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        diskBar.getChildren().setAll(diskMessage, grow, reload, keep);
        diskBar.setAlignment(Pos.CENTER_LEFT);
        diskBar.getStyleClass().add("disk-bar");
        diskBar.setVisible(false);
        diskBar.setManaged(false);
        return diskBar;
    }

    private Node statusBar() {
        status.setId("editorStatus");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, status, grow, caretPlace);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("editor-status");
        return bar;
    }

    private void shortcut(KeyEvent e) {
        if (SAVE.match(e)) {
            save();
        } else if (FIND.match(e)) {
            findBar.open();
        } else if (COMPLETE.match(e)) {
            complete();
        } else if (FIX.match(e)) {
            if (problemsList.isFocused() && problemsList.getSelectionModel().getSelectedItem() != null) {
                Problem p = problemsList.getSelectionModel().getSelectedItem();
                showFixes(List.of(p), menu -> menu.show(problemsList, Side.TOP, 20, 0));
            } else {
                quickFixAtCaret();
            }
        } else {
            return;
        }
        e.consume();
    }

    private static MenuItem menuItem(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }

    /**
     * One row of the Problems pane: severity icon, message, file:line, and a lightbulb when it may be fixed. The
     * row's nodes are made once per cell; showing another problem only sets their text and icon.
     */
    private final class ProblemCell extends ListCell<Problem> {
        private final FontIcon errorIcon = new FontIcon(Feather.X_CIRCLE);
        private final FontIcon warningIcon = new FontIcon(Feather.ALERT_TRIANGLE);
        private final Label message = new Label();
        private final Tooltip messageTip = new Tooltip();
        private final Label where = new Label();
        private final Button fix = new Button(null, new FontIcon(Feather.ZAP));
        private final HBox row = new HBox(8, message, where, fix);

        ProblemCell() {
            errorIcon.getStyleClass().add("problem-icon-error");
            warningIcon.getStyleClass().add("problem-icon-warning");
            message.getStyleClass().add("problem-message");
            message.setMinWidth(0);
            message.setTooltip(messageTip);
            HBox.setHgrow(message, Priority.ALWAYS);
            message.setMaxWidth(Double.MAX_VALUE);
            where.getStyleClass().add("problem-where");
            where.setMinWidth(Region.USE_PREF_SIZE);
            fix.getStyleClass().addAll("problem-fix", "flat", "small");
            fix.setTooltip(new Tooltip("Quick fixes"));
            // the menu opens under the message, owned by it, so it has the list's font and stays in the window
            fix.setOnAction(e -> {
                if (getItem() != null) {
                    showFixes(List.of(getItem()), menu -> menu.show(message, Side.BOTTOM, 20, 0));
                }
            });
            row.setAlignment(Pos.CENTER_LEFT);
            // the row stays the cell's graphic, hidden while the cell is empty: it is styled (its labels' and
            // button's skins made) with the cell itself, when the list makes its cells, not when a cell first
            // shows a problem (20-35 ms in the frame that showed the first problems typed)
            setGraphic(row);
            row.setVisible(false);
            // as wide as the list, so a long message is cut short (whole in its tooltip) and file:line stays in view
            setPrefWidth(0);
            setOnMouseClicked(e -> {
                Problem problem = getItem();
                if (problem != null && e.getButton() == MouseButton.PRIMARY && problem.isInThisFile()) {
                    jumpTo(problem);
                }
            });
        }

        @Override
        protected void updateItem(Problem problem, boolean empty) {
            super.updateItem(problem, empty);
            setText(null);
            if (empty || problem == null) {
                row.setVisible(false);
                return;
            }
            row.setVisible(true);
            message.setGraphic(problem.isError() ? errorIcon : warningIcon);
            message.setText(problem.diagnostic().message());
            messageTip.setText(problem.diagnostic().format());
            where.setText(problem.where());
            fix.setVisible(problem.isInThisFile());
        }
    }

    private void jumpTo(Problem problem) {
        int end = Math.min(problem.end(), area.getLength());
        int start = Math.min(problem.start(), end);
        area.selectRange(end, start);
        area.moveTo(start);
        area.selectRange(start, end);
        area.showParagraphAtCenter(area.getCurrentParagraph());
        area.requestFocus();
    }

    private static int lineBreaks(String s) {
        int n = 0;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
