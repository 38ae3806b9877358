package dev.rivet.ld.ide.completion;

/**
 * One completion: insert {@code text} in place of the {@code prefixLength} characters before the
 * caret; {@code description} says what it is.
 */
public record Proposal(String text, Kind kind, String description, int prefixLength) {

    /** What a proposal inserts. */
    public enum Kind {
        KEYWORD, REGION, SYMBOL, SECTION
    }
}
