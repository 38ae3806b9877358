package dev.rivet.ld.ui.tests.highlighting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ide.highlighting.HighlightStyle;
import dev.rivet.ld.ui.highlighting.HighlightColors;
import dev.rivet.ld.ui.tests.EditorFixture;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.junit.jupiter.api.Test;

/** Syntax and semantic colours in the Generic Editor's text widget. */
class HighlightingTest {

    @Test
    void keywordsRegionsSectionsSymbolsAndCommentsHaveTheirColours() throws Exception {
        try (EditorFixture f = EditorFixture.open("highlight.ld", EditorFixture.KERNEL_SCRIPT)) {
            assertEquals(EditorFixture.GENERIC_EDITOR, f.editor.getSite().getId());
            StyledText text = f.viewer().getTextWidget();
            EditorFixture.waitUntil("highlighting", () -> styleAt(text, f.offsetOf("SECTIONS", 0)) != null, 10_000);

            assertStyle(text, f.offsetOf("SECTIONS", 0), HighlightStyle.KEYWORD);
            assertStyle(text, f.offsetOf("ALIGN", 0), HighlightStyle.KEYWORD);
            assertStyle(text, f.offsetOf("A kernel", 0), HighlightStyle.COMMENT);
            assertStyle(text, f.offsetOf("0x80000000", 0), HighlightStyle.NUMBER);
            assertStyle(text, f.offsetOf("KIMAGE", 0), HighlightStyle.REGION);
            assertStyle(text, f.offsetOf("KIMAGE", 1), HighlightStyle.REGION);
            assertStyle(text, f.offsetOf("RAM", 2), HighlightStyle.REGION);
            assertStyle(text, f.offsetOf(".text :", 0), HighlightStyle.SECTION);
            assertStyle(text, f.offsetOf("_bss_end = .", 0), HighlightStyle.SYMBOL_DEFINITION);
            assertStyle(text, f.offsetOf("_bss_end, 4K", 0), HighlightStyle.SYMBOL);
            assertStyle(text, f.offsetOf("*(.text .text.*)", 0) + 2, HighlightStyle.PATTERN);
            assertTrue((styleAt(text, f.offsetOf("SECTIONS", 0)).fontStyle & SWT.BOLD) != 0, "keywords are bold");
            f.screenshot("highlighting");
        }
    }

    private static StyleRange styleAt(StyledText text, int offset) {
        return text.getStyleRangeAtOffset(offset);
    }

    private static void assertStyle(StyledText text, int offset, HighlightStyle style) {
        StyleRange range = styleAt(text, offset);
        assertNotNull(range, "a style at " + offset + " for " + style);
        assertEquals(HighlightColors.of(style).getForeground().getRGB(), range.foreground.getRGB(),
                "colour at " + offset + " is " + style);
    }
}
