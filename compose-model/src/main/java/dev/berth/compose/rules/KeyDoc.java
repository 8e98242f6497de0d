package dev.berth.compose.rules;

/** One known key: its name, the forms it accepts and a one-line description for hover and completion. */
public record KeyDoc(String name, Shape shape, String description) {
}
