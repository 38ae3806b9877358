package dev.rivet.ld.ide;

import java.util.Objects;

/**
 * One problem of a linker script, the same for the editor's annotations and the Problems view's
 * markers: where it is (a character range within the script's text and its 1-based line), how
 * bad it is, what it says, and the issue code of the check that found it.
 *
 * @param severity how bad
 * @param offset   first character, {@code 0 <= offset <= text length}
 * @param length   number of characters, 0 only at the end of the text
 * @param line     1-based line of {@code offset}
 * @param message  what is wrong, in ld's terms
 * @param code     the issue code (e.g. {@code dev.rivet.ld.notInRam}), or empty
 */
public record ScriptProblem(Severity severity, int offset, int length, int line, String message, String code) {

    /** How bad a problem is. */
    public enum Severity {
        /** ld would stop. */
        ERROR,
        /** ld would link, but the result is probably wrong (or ld warns). */
        WARNING,
        /** Worth knowing. */
        INFO
    }

    public ScriptProblem {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(message);
        Objects.requireNonNull(code);
        if (offset < 0 || length < 0 || line < 1) {
            throw new IllegalArgumentException("bad position " + offset + "+" + length + " line " + line);
        }
    }
}
