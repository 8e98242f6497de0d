package dev.berth.vm.spi;

import java.util.Objects;

/** The accelerator picked for this host, and a sentence saying why, for the UI and the logs. */
public record AcceleratorChoice(Accelerator accelerator, String explanation) {
    public AcceleratorChoice {
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(explanation, "explanation");
    }
}
