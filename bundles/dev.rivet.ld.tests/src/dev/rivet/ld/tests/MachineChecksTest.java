package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.model.MachineProfile;
import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/** The validator's checks against the virt machine (emulator-core's memory map; 128 MiB of RAM unless a machine is attached). */
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
        assertTrue(w.get(0).contains("outside the virt machine's RAM (0x80000000..0x87ffffff, 128 MiB: QEMU's default)"), w.get(0));
    }

    @Test
    void ramSizeAndWhereItComesFromAreTheAttachedMachines() {
        XtextResource resource = LinkerScriptLanguage.parse("ram.ld", "MEMORY { ram : ORIGIN = 0x80000000, LENGTH = 256M }");
        MachineProfile launch = MachineProfile.qemuVirt(256L << 20, "the RAM of launch configuration 'k'");
        assertEquals(List.of(), warnings(LinkerScriptLanguage.issues(resource, launch, CancelIndicator.NullImpl)));

        MachineProfile small = MachineProfile.qemuVirt(64L << 20, "the RAM of launch configuration 'small'");
        assertEquals(List.of("region 'ram' (0x80000000, 256 MiB) lies outside the virt machine's RAM"
                + " (0x80000000..0x83ffffff, 64 MiB: the RAM of launch configuration 'small')"),
                warnings(LinkerScriptLanguage.issues(resource, small, CancelIndicator.NullImpl)));
        // the same resource validated again against another machine: nothing of the last one sticks
        assertEquals(List.of(), warnings(LinkerScriptLanguage.issues(resource, launch, CancelIndicator.NullImpl)));
    }

    @Test
    void profilesAreEqualWhenRamAndSourceAre() {
        assertEquals(MachineProfile.qemuVirt(128L << 20, MachineProfile.QEMU_DEFAULT), MachineProfile.qemuVirtDefault());
        assertNotEquals(MachineProfile.qemuVirt(128L << 20, "the RAM of launch configuration 'k'"), MachineProfile.qemuVirtDefault());
        assertNotEquals(MachineProfile.qemuVirt(256L << 20, MachineProfile.QEMU_DEFAULT), MachineProfile.qemuVirtDefault());
    }

    @Test
    void regionWrappingPastTheAddressSpaceIsReported() {
        List<String> w = messages("MEMORY { top : ORIGIN = 0xfffffffffffff000, LENGTH = 8K }", Severity.WARNING);
        assertEquals(List.of("region 'top' (0xfffffffffffff000, 8 KiB) runs past the end of the 64-bit address space"), w);
    }

    private static List<String> warnings(List<Issue> issues) {
        return issues.stream().filter(i -> i.getSeverity() == Severity.WARNING).map(Issue::getMessage).toList();
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
