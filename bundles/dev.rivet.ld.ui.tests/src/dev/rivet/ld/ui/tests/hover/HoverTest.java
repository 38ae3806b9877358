package dev.rivet.ld.ui.tests.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ui.hover.LinkerScriptTextHover;
import dev.rivet.ld.ui.tests.EditorFixture;
import org.eclipse.jface.text.IRegion;
import org.junit.jupiter.api.Test;

/** Hovers say what a region, symbol or keyword is. */
class HoverTest {

    @Test
    void hoverDescribesRegionsSymbolsAndKeywords() throws Exception {
        try (EditorFixture f = EditorFixture.open("hover.ld", EditorFixture.KERNEL_SCRIPT)) {
            LinkerScriptTextHover hover = new LinkerScriptTextHover();

            int ram = f.offsetOf("} > RAM", 0) + 4;
            IRegion region = hover.getHoverRegion(f.viewer(), ram);
            assertEquals(ram, region.getOffset());
            assertEquals(3, region.getLength());
            assertEquals("MEMORY region RAM (rw)\n0x80200000..0x87ffffff, 126 MiB\non the virt machine: in RAM"
                    + " (0x80000000..0x87ffffff, 128 MiB: QEMU's default; no Rivet Kernel launch configuration runs project 'ld-tests')",
                    hover.getHoverInfo(f.viewer(), region));

            int memory = f.offsetOf("MEMORY", 0);
            String memoryKeyword = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), memory));
            assertTrue(memoryKeyword.endsWith("Regions are checked against the virt machine's RAM: 0x80000000..0x87ffffff,"
                    + " 128 MiB: QEMU's default; no Rivet Kernel launch configuration runs project 'ld-tests'."), memoryKeyword);

            int bssEnd = f.offsetOf("_bss_end, 4K", 0);
            String symbol = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), bssEnd));
            assertTrue(symbol.startsWith("symbol _bss_end\nassigned at line 24: _bss_end = ."), symbol);

            int align = f.offsetOf("ALIGN(4K)", 0);
            String keyword = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), align));
            assertTrue(keyword.startsWith("ALIGN(align)"), keyword);

            int start = f.offsetOf("_start)", 0);
            String external = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), start));
            assertTrue(external.contains("not assigned in this script"), external);
        }
    }

    @Test
    void hoverOnAProgramHeaderTypeGivesItsNumberNotASymbol() throws Exception {
        String text = "PHDRS\n{\n  text PT_LOAD FILEHDR PHDRS FLAGS(5);\n  stack PT_GNU_STACK;\n}\n";
        try (EditorFixture f = EditorFixture.open("phdrs-hover.ld", text)) {
            LinkerScriptTextHover hover = new LinkerScriptTextHover();
            String load = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), f.offsetOf("PT_LOAD", 0) + 1));
            assertEquals("program header type PT_LOAD (p_type 0x1), named as ld's PHDRS command allows (3.8)", load);
            String stack = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), f.offsetOf("PT_GNU_STACK", 0)));
            assertTrue(stack.contains("0x6474e551"), stack);
        }
    }
}
