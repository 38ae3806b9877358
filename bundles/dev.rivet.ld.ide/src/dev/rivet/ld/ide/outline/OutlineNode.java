package dev.rivet.ld.ide.outline;

import java.util.List;

/**
 * One entry of a linker script's outline: a label, what it is, where it is written (to select it
 * in the editor) and its children.
 */
public record OutlineNode(String label, Kind kind, int offset, int length, List<OutlineNode> children) {

    /** What an outline entry stands for (decides its icon). */
    public enum Kind {
        COMMAND, MEMORY, REGION, SECTIONS, SECTION, SYMBOL, PHDRS, PHDR, INCLUDE
    }
}
