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
