package dev.berth.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.LoadOptions;
import dev.berth.compose.edit.LineEnding;
import dev.berth.compose.edit.LiveDocument;
import dev.berth.compose.edit.TextEdit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveValidationTest {

    private static final String TEXT = """
            # shop
            services:
              web:
                image: nginx
            """;

    @TempDir
    Path dir;

    private LiveValidation open() throws Exception {
        Path file = Files.writeString(dir.resolve("compose.yaml"), TEXT);
        return new LiveValidation(LiveDocument.open(LoadOptions.discover(dir, Map.of()), file, TEXT), file.toString());
    }

    @Test
    void keystrokesBeforeARunAreValidatedTogetherAndTheOutcomeCountsThem() throws Exception {
        LiveValidation validation = open();
        assertThat(validation.run().problems()).isEmpty();
        int at = TEXT.indexOf("image");
        // typing "enviroment: {}\n    " before `image`, one character at a time
        String typed = "enviroment: {}\n    ";
        for (int i = 0; i < typed.length(); i++) {
            validation.edited(TextEdit.insert(at + i, String.valueOf(typed.charAt(i))));
        }
        LiveValidation.Outcome outcome = validation.run();
        assertThat(outcome.generation()).isEqualTo(typed.length()).isEqualTo(validation.typed());
        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.isError()).isTrue();
            assertThat(TEXT.substring(0, at).length()).isEqualTo(p.start() - 0);
            assertThat(p.end() - p.start()).isEqualTo("enviroment".length());
        });
    }

    @Test
    void anOutcomeIsStaleWhenAChangeCameAfterItsText() throws Exception {
        LiveValidation validation = open();
        validation.edited(TextEdit.insert(0, "#"));
        LiveValidation.Outcome first = validation.run();
        validation.edited(TextEdit.insert(0, "#"));
        assertThat(first.generation()).isLessThan(validation.typed());
        LiveValidation.Outcome second = validation.run();
        assertThat(second.generation()).isEqualTo(validation.typed());
    }

    @Test
    void theDifferenceOfTwoTextsIsOneEditThatMakesTheSecond() {
        String before = "a: 1\nb: 2\n";
        String after = "a: 1\nbb: 22\n";
        TextEdit edit = LiveValidation.difference(before, after);
        assertThat(TextEdit.apply(before, java.util.List.of(edit))).isEqualTo(after);
        assertThat(edit.offset()).isEqualTo(6);
        assertThat(LiveValidation.difference("aaa", "aa")).isEqualTo(new TextEdit(2, 1, ""));
        assertThat(LiveValidation.difference("same", "same")).isEqualTo(new TextEdit(4, 0, ""));
    }

    @Test
    void theDebouncerRunsOnceAfterABurstOfPokes() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger runs = new AtomicInteger();
            Debouncer debouncer = new Debouncer(Duration.ofMillis(300), timer, runs::incrementAndGet);
            for (int i = 0; i < 20; i++) {
                debouncer.poke();
            }
            assertThat(runs).hasValue(0);
            Thread.sleep(1500);
            assertThat(runs).hasValue(1);
            debouncer.poke();
            debouncer.cancel();
            Thread.sleep(600);
            assertThat(runs).hasValue(1);
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void crlfFilesAreLfInTheEditorAndCrlfOnDisk() {
        String disk = "a: 1\r\nb: 2\r\n";
        String editor = DiskText.toEditor(disk);
        assertThat(editor).isEqualTo("a: 1\nb: 2\n");
        assertThat(DiskText.toDisk(editor + "c: 3\n", LineEnding.CRLF)).isEqualTo(disk + "c: 3\r\n");
        assertThat(DiskText.toDisk(editor, LineEnding.LF)).isEqualTo(editor);
    }
}
