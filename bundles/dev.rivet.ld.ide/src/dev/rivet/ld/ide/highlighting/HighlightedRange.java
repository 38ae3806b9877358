package dev.rivet.ld.ide.highlighting;

/** {@code length} characters from {@code offset} shown in {@code style}. */
public record HighlightedRange(int offset, int length, HighlightStyle style) {
}
