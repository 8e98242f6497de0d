package dev.berth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.ProgressEvent;
import dev.berth.engine.api.ProgressEvent.Step;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    @Test
    void aPullPrintsTheServicePercentageEachTenthAndNotEveryLayerMessage() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text));
        printer.onEvent(new ProgressEvent("web", "image reg/web:1", Step.PULLING, "0%"));
        printer.onEvent(new ProgressEvent("web", "image reg/web:1", Step.PULLING, "a1b2c3: Downloading 40%"));
        printer.onEvent(new ProgressEvent("web", "image reg/web:1", Step.PULLING, "3%"));
        printer.onEvent(new ProgressEvent("web", "image reg/web:1", Step.PULLING, "12%"));
        printer.onEvent(new ProgressEvent("web", "image reg/web:1", Step.PULLING, "17%"));
        printer.onEvent(new ProgressEvent("web", "image reg/web:1", Step.PULLING, "100%"));
        printer.onEvent(new ProgressEvent("web", "image reg/web:1", Step.DONE, "pulled"));

        assertThat(text.toString().lines().toList()).containsExactly(
                " ⠿ image reg/web:1                          Pulling  0%",
                " ⠿ image reg/web:1                          Pulling  12%",
                " ⠿ image reg/web:1                          Pulling  100%",
                " ✔ image reg/web:1                          Done  pulled");
    }

    @Test
    void inARawTerminalEachLineEndsWithACarriageReturnToo() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), true);
        printer.onEvent(new ProgressEvent("db", "rn-db-1", Step.STARTED, ""));
        printer.onEvent(new ProgressEvent("web", "image web", Step.BUILDING, "Step 1/2 : FROM scratch"));

        assertThat(text.toString()).isEqualTo(" ✔ rn-db-1                                  Started\r\n"
                + "   web | Step 1/2 : FROM scratch\r\n");
    }
}
