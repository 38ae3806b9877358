package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.LinkerScriptLanguage;
import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/** The validator's checks against the virt machine (emulator-core's memory map, 128 MiB RAM). */
class MachineChecksTest {

    private static List<String> messages(String text, Severity severity) {
        List<Issue> issues = LinkerScriptLanguage.check("test.ld", text);
        return issues.stream().filter(i -> i.getSeverity() == severity).map(Issue::getMessage).toList();
    }

    @Test
    void regionInRamHasNoWarning() {
        assertEquals(List.of(), messages("MEMORY { ram (rwx) : ORIGIN = 0x80000000, LENGTH = 128M }", Severity.WARNING));
    }

    @Test
    void regionOnUartIsReported() {
        List<String> w = messages("MEMORY { io : ORIGIN = 0x10000000, LENGTH = 4K }", Severity.WARNING);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("UART0") && w.get(0).contains("MMIO"), w.get(0));
    }

    @Test
    void regionBeyondRamIsReported() {
        List<String> w = messages("MEMORY { ram : ORIGIN = 0x80000000, LENGTH = 256M }", Severity.WARNING);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("outside the virt machine's RAM"), w.get(0));
    }

    @Test
    void overlappingRegionsAreReported() {
        List<String> w = messages("""
                MEMORY {
                  a : ORIGIN = 0x80000000, LENGTH = 2M
                  b : ORIGIN = ORIGIN(a) + 1M, LENGTH = 2M
                }""", Severity.WARNING);
        assertEquals(List.of("region 'b' (0x80100000..0x802fffff) overlaps region 'a' (0x80000000..0x801fffff)"), w);
    }

    @Test
    void sectionAddressAndLocationCounterOnMmioAreReported() {
        List<String> w = messages("""
                SECTIONS {
                  . = 0x0c000000;
                  .text 0x2000000 : { *(.text) }
                }""", Severity.WARNING);
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("PLIC"), w.get(0));
        assertTrue(w.get(1).contains(".text") && w.get(1).contains("CLINT"), w.get(1));
    }

    @Test
    void undeclaredRegionIsAnError() {
        List<String> e = messages("SECTIONS { .text : { *(.text) } > nowhere }", Severity.ERROR);
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).contains("nowhere"), e.get(0));
    }
}
