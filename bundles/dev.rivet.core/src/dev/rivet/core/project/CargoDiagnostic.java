package dev.rivet.core.project;

import java.util.Objects;
import java.util.Optional;

/**
 * One error or warning of rustc, as cargo's {@code compiler-message} reports it.
 *
 * @param severity what rustc calls its {@code level}
 * @param message  the one-line message ({@code message.message}), with the code when there is one
 * @param file     the primary span's file as cargo gives it (relative to the workspace root, or
 *                 absolute for files outside it); empty when the message has no span
 * @param line     the primary span's first line (1-based), 0 without a span
 * @param column   the primary span's first column (1-based), 0 without a span
 * @param rendered the full text rustc would print, for the marker's details
 */
public record CargoDiagnostic(Severity severity, String message, Optional<String> file, int line, int column,
        String rendered) {

    /** rustc's diagnostic levels that become problems. */
    public enum Severity {
        ERROR, WARNING
    }

    public CargoDiagnostic {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(message);
        Objects.requireNonNull(file);
        Objects.requireNonNull(rendered);
    }
}
