package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.elf.ElfSections;
import dev.rivet.ld.elf.MemoryUsage;
import dev.rivet.ld.linkerScript.LinkerScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ELF reader and the memory-usage model, on an ELF linked by GNU ld from a fixture script;
 * the section table is checked against riscv64-unknown-elf-readelf.
 */
class MemoryUsageTest {

    @Test
    void sectionsMatchReadelfAndRegionsAddUp() throws Exception {
        Path ld = HostTools.require("riscv64-unknown-elf-ld", "binutils-riscv64-unknown-elf");
        Path as = HostTools.require("riscv64-unknown-elf-as", "binutils-riscv64-unknown-elf");
        Path readelf = HostTools.require("riscv64-unknown-elf-readelf", "binutils-riscv64-unknown-elf");
        Path work = Files.createDirectories(Path.of(System.getProperty("rivet.ld.work", "target/ld-work"), "usage"));
        Files.writeString(work.resolve("in.s"), """
                .section .text.boot, "ax"
                .globl _start
                _start: nop
                .text
                .globl big_function
                .type big_function, @function
                big_function: .fill 64, 4, 0x00000013
                .size big_function, . - big_function
                .section .rodata
                .word 1
                .data
                .globl table
                .type table, @object
                table: .fill 32, 8, 7
                .size table, . - table
                .bss
                .word 0
                """);
        assertEquals(0, HostTools.run(work, List.of(as.toString(), "-o", "in.o", "in.s")).exitCode());
        Path script = Path.of(System.getProperty("rivet.ld.fixtures", "fixtures"), "valid/memory-and-regions.ld");
        HostTools.Result link = HostTools.run(work, List.of(ld.toString(), "-T", script.toAbsolutePath().toString(), "-o", "out.elf", "in.o"));
        assertEquals(0, link.exitCode(), link.output());

        ElfSections elf = ElfSections.read(work.resolve("out.elf"));
        assertEquals(readelfAllocatedSections(readelf, work.resolve("out.elf")), asMap(elf));

        LinkerScript parsed = (LinkerScript) LinkerScriptLanguage.parse(script.toString(), Files.readString(script))
                .getContents().get(0);
        List<MemoryUsage.Area> areas = MemoryUsage.of(parsed, elf);
        assertEquals(List.of("rom", "ram", "scratch"), areas.stream().map(MemoryUsage.Area::name).toList());
        MemoryUsage.Area rom = areas.get(0);
        assertEquals(0x80000000L, rom.origin());
        assertTrue(rom.placements().stream().anyMatch(p -> p.section().equals(".data") && p.loadImage()),
                ".data's load image is in rom: " + rom.placements());
        MemoryUsage.Area scratch = areas.get(2);
        assertEquals(List.of(".stack"), scratch.placements().stream().map(MemoryUsage.Placement::section).toList());
        assertEquals(16 * 1024, scratch.used());
        assertEquals(25.0, scratch.percentUsed(), 1e-9);
        assertFalse(scratch.overflows());

        assertEquals(List.of("big_function", "table"),
                MemoryUsage.largestSymbols(elf, 2).stream().map(ElfSections.Symbol::name).toList());
        assertEquals(256, MemoryUsage.largestSymbols(elf, 1).get(0).size());

        // the script changed after the build: the built ELF no longer fits the smaller region
        String shrunk = Files.readString(script).replace("l = 0x10000", "l = 8K");
        LinkerScript smaller = (LinkerScript) LinkerScriptLanguage.parse("shrunk.ld", shrunk).getContents().get(0);
        MemoryUsage.Area tight = MemoryUsage.of(smaller, elf).get(2);
        assertTrue(tight.overflows(), "16 KiB in 8 KiB");
    }

    /**
     * A region too small for what the script puts in it: ld keeps placing the region's sections
     * past its end and says by how much it overflowed ({@code --noinhibit-exec} still writes the
     * ELF). The region's usage counts every section placed in it by {@code >region} and every load
     * image placed by {@code AT>region}, also those that start beyond its end, and the overflow is
     * the one ld reports. A section past the end of one region that happens to lie in the address
     * range of another does not count there.
     */
    @Test
    void sectionsCountInTheRegionTheScriptPlacesThemEvenPastItsEnd() throws Exception {
        Path ld = HostTools.require("riscv64-unknown-elf-ld", HostTools.BINUTILS);
        Path as = HostTools.require("riscv64-unknown-elf-as", HostTools.BINUTILS);
        Path work = Files.createDirectories(Path.of(System.getProperty("rivet.ld.work", "target/ld-work"), "overflow"));
        Files.writeString(work.resolve("in.s"), """
                .section .text.boot, "ax"
                .globl _start
                _start: nop
                .text
                .fill 63, 4, 0x00000013
                .section .rodata
                .fill 4, 4, 1
                .data
                .fill 4, 8, 7
                .bss
                .zero 64
                """);
        assertEquals(0, HostTools.run(work, List.of(as.toString(), "-o", "in.o", "in.s")).exitCode());
        // .text fills rom exactly; .rodata and .data's load image go past its end, .rodata into the
        // address range of 'after', which the script does not use for it.
        String text = """
                MEMORY
                {
                  rom (rx)   : ORIGIN = 0x80000000, LENGTH = 256
                  after (rx) : ORIGIN = ORIGIN(rom) + LENGTH(rom), LENGTH = 1K
                  ram (rw)   : ORIGIN = 0x80200000, LENGTH = 4K
                }
                REGION_ALIAS("REGION_TEXT", rom);
                SECTIONS
                {
                  .text : { *(.text.boot) *(.text) } > REGION_TEXT
                  .rodata : { *(.rodata) } > rom
                  .data : { *(.data) } > ram AT> REGION_TEXT
                  .bss (NOLOAD) : { *(.bss) } > ram
                  /DISCARD/ : { *(.riscv.attributes) }
                }
                """;
        Path script = work.resolve("overflow.ld");
        Files.writeString(script, text);
        HostTools.Result link = HostTools.run(work, List.of(ld.toString(), "--noinhibit-exec", "-T", script.toString(),
                "-o", "out.elf", "in.o"));
        Matcher overflow = Pattern.compile("region `rom' overflowed by (\\d+) bytes").matcher(link.output());
        assertTrue(overflow.find(), "ld reports the overflow: " + link.output());

        ElfSections elf = ElfSections.read(work.resolve("out.elf"));
        LinkerScript parsed = (LinkerScript) LinkerScriptLanguage.parse(script.toString(), text).getContents().get(0);
        List<MemoryUsage.Area> areas = MemoryUsage.of(parsed, elf);
        assertEquals(List.of("rom", "after", "ram"), areas.stream().map(MemoryUsage.Area::name).toList());
        MemoryUsage.Area rom = areas.get(0);
        assertEquals(List.of(".text", ".rodata", ".data"), rom.placements().stream().map(MemoryUsage.Placement::section).toList());
        assertTrue(rom.placements().get(2).loadImage(), ".data's load image: " + rom.placements());
        assertTrue(rom.overflows(), "rom: " + rom);
        assertEquals(Long.parseLong(overflow.group(1)), rom.used() - rom.length(), "the overflow ld reports");
        assertEquals(List.of(), areas.get(1).placements(), "nothing is placed in 'after'");
        MemoryUsage.Area ram = areas.get(2);
        assertEquals(List.of(".data", ".bss"), ram.placements().stream().map(MemoryUsage.Placement::section).toList());
        assertFalse(ram.overflows());
    }

    private static Map<String, String> asMap(ElfSections elf) {
        Map<String, String> m = new TreeMap<>();
        for (ElfSections.Section s : elf.sections()) {
            m.put(s.name(), String.format("%x %x", s.address(), s.size()));
        }
        return m;
    }

    /** name -> "addr size" of the sections readelf -SW marks A (allocated), with a non-zero size. */
    private static Map<String, String> readelfAllocatedSections(Path readelf, Path elf) throws Exception {
        HostTools.Result r = HostTools.run(elf.getParent(), List.of(readelf.toString(), "-SW", elf.toString()));
        assertEquals(0, r.exitCode(), r.output());
        Map<String, String> m = new TreeMap<>();
        List<String> seen = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            String t = line.trim();
            if (!t.startsWith("[") || t.startsWith("[Nr]")) {
                continue;
            }
            String[] f = t.substring(t.indexOf(']') + 1).trim().split("\\s+");
            // Name Type Address Off Size ES Flg Lk Inf Al
            if (f.length >= 7 && f[6].contains("A") && Long.parseLong(f[4], 16) != 0) {
                m.put(f[0], String.format("%x %x", Long.parseUnsignedLong(f[2], 16), Long.parseLong(f[4], 16)));
                seen.add(f[0]);
            }
        }
        assertTrue(seen.size() >= 4, "readelf listed allocated sections: " + r.output());
        return m;
    }
}
