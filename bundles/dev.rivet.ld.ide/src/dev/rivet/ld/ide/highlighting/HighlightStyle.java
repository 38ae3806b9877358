package dev.rivet.ld.ide.highlighting;

/** The kinds of text the linker-script editor colours differently. */
public enum HighlightStyle {
    /** ld's keywords and builtin function names (SECTIONS, MEMORY, ALIGN, KEEP...). */
    KEYWORD,
    COMMENT,
    NUMBER,
    STRING,
    /** An output section's name (".text") where it is declared or used. */
    SECTION,
    /** A MEMORY region or alias, declared or referenced. */
    REGION,
    /** A symbol where it is assigned. */
    SYMBOL_DEFINITION,
    /** A symbol where it is read. */
    SYMBOL,
    /** A file or section wildcard in an input section description. */
    PATTERN,
    /** A program header name. */
    PHDR
}
