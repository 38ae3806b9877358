package dev.rivet.core.project;

/**
 * What {@link CargoMessageParser} makes of one line of {@code cargo build --message-format=json}
 * (the Cargo Book, "External tools: JSON messages").
 */
public sealed interface CargoMessage {

    /** {@code "reason":"compiler-message"} carrying an error or warning. */
    record Diagnostic(CargoDiagnostic diagnostic) implements CargoMessage {
    }

    /** {@code "reason":"compiler-artifact"}: a crate finished compiling. */
    record Artifact(String crateName, String executable) implements CargoMessage {
    }

    /** {@code "reason":"build-finished"}. */
    record Finished(boolean success) implements CargoMessage {
    }

    /** Any other line: other reasons, notes, help, summaries ("aborting due to ..."). */
    record Ignored() implements CargoMessage {
    }
}
