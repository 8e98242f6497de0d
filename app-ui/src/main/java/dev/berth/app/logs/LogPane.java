package dev.berth.app.logs;

import dev.berth.engine.api.LogLine;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The lines of all services, prefixed by container and coloured per container like {@code docker compose logs}.
 * A virtualised list: only visible lines have nodes, so a long log costs memory, not frames.
 * Follows the end while the last line is in view.
 */
public final class LogPane extends ListView<LogLine> {
    private static final int PALETTE_SIZE = 8;
    private final Map<String, Integer> colourOfContainer = new HashMap<>();
    /** Prefixes are padded to the longest container name seen, as docker compose aligns them. */
    private int prefixWidth = 12;
    private final Text placeholder = new Text(NOTHING_RUNS);
    private static final String NOTHING_RUNS = "No output yet. Press Up to start the services; their logs appear here.";
    private static final String SOMETHING_RUNS = "No output yet: the running services have not written anything.";

    public LogPane(ObservableList<LogLine> lines) {
        super(lines);
        setId("logPane");
        getStyleClass().add("log-pane");
        setCellFactory(list -> new LogCell());
        setFixedCellSize(20);
        setPlaceholder(placeholder);
        lines.addListener((ListChangeListener<LogLine>) change -> {
            int last = lines.size() - 1;
            if (last >= 0) {
                scrollTo(last);
            }
        });
    }

    /** Whether any service runs, so that the empty pane says the right thing. */
    public void setSomethingRuns(boolean runs) {
        placeholder.setText(runs ? SOMETHING_RUNS : NOTHING_RUNS);
    }

    private final class LogCell extends ListCell<LogLine> {
        private final Text prefix = new Text();
        private final Text text = new Text();
        private final TextFlow flow = new TextFlow(prefix, text);

        LogCell() {
            text.getStyleClass().add("log-text");
        }

        @Override
        protected void updateItem(LogLine line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            int colour = colourOfContainer.computeIfAbsent(line.container(), c -> colourOfContainer.size() % PALETTE_SIZE);
            prefixWidth = Math.max(prefixWidth, line.container().length() + 1);
            prefix.setText(String.format("%-" + prefixWidth + "s| ", line.container()));
            prefix.getStyleClass().setAll("log-prefix", "log-colour-" + colour);
            text.setText(line.text());
            text.getStyleClass().setAll("log-text", line.stderr() ? "log-stderr" : "log-stdout");
            setGraphic(flow);
        }
    }
}
