package dev.rivet.emulator.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rivet.emulator.testing.ByteArrayRam;
import dev.rivet.emulator.testing.HostTools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ELF64 RISC-V executables built by Debian's riscv64-unknown-elf toolchain, and broken ones. */
class ElfImageTest {

    @TempDir
    Path dir;

    /** Assembles and links {@code source} at 0x80000000 with {@code gcc} options {@code march}. */
    private Path build(String source, String... extra) throws Exception {
        HostTools.require("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf");
        Path s = dir.resolve("p.S");
        Files.writeString(s, source);
        Path elf = dir.resolve("p.elf");
        Path script = dir.resolve("link.ld");
        Files.writeString(script, "SECTIONS { . = 0x80000000; .text : { *(.text) } .data : { *(.data) } "
                + ".bss : { *(.bss) } }\n");
        String[] base = {"riscv64-unknown-elf-gcc", "-nostdlib", "-nostartfiles", "-Wl,-T," + script,
            "-Wl,--no-relax", "-o", elf.toString(), s.toString()};
        String[] cmd = new String[base.length + extra.length];
        System.arraycopy(base, 0, cmd, 0, base.length);
        System.arraycopy(extra, 0, cmd, base.length, extra.length);
        HostTools.Result r = HostTools.run(60, cmd);
        if (r.exitCode() != 0) {
            fail("gcc failed: " + r.stderr());
        }
        return elf;
    }

    @Test
    void loadsSegmentsAtPhysicalAddressesAndZeroFillsBss() throws Exception {
        Path elf = build("""
                .globl _start
                _start: li a0, 7
                        j _start
                .data
                value: .dword 0x1122334455667788
                .bss
                zeros: .space 64
                """, "-march=rv64i", "-mabi=lp64");
        ElfImage image = ElfImage.parse(elf.toString(), Files.readAllBytes(elf));
        assertEquals(0x80000000L, image.entry());
        ByteArrayRam ram = new ByteArrayRam(0x80000000L, 1 << 20);
        java.util.Arrays.fill(ram.bytes, (byte) 0x5a);
        image.loadInto(ram);
        assertEquals(0x00700513L, ram.readLong(0x80000000L, 4), "li a0, 7");
        boolean foundData = false;
        for (long a = 0x80000000L; a < 0x80000000L + (1 << 20) - 8; a += 8) {
            if (ram.readLong(a, 8) == 0x1122334455667788L) {
                foundData = true;
                assertEquals(0, ram.readLong(a + 8, 8), "bss after data is zeroed");
                break;
            }
        }
        assertTrue(foundData, ".data loaded");
        assertTrue(image.highAddress() > image.lowAddress());
    }

    @Test
    void rv32ElfIsRefusedWithAClearMessage() throws Exception {
        Path elf = build(".globl _start\n_start: j _start\n", "-march=rv32i", "-mabi=ilp32");
        var e = assertThrows(ImageLoadException.class, () -> ElfImage.parse("k", Files.readAllBytes(elf)));
        assertEquals("k: not a 64-bit ELF (EI_CLASS 1); Rivet runs RV64", e.getMessage());
    }

    @Test
    void otherMachinesTypesAndBrokenHeadersAreRefused() throws Exception {
        Path elf = build(".globl _start\n_start: j _start\n");
        byte[] good = Files.readAllBytes(elf);

        byte[] x86 = good.clone();
        ByteBuffer.wrap(x86).order(ByteOrder.LITTLE_ENDIAN).putShort(18, (short) 62);
        assertTrue(message(x86).contains("not RISC-V"));

        byte[] relocatable = good.clone();
        ByteBuffer.wrap(relocatable).order(ByteOrder.LITTLE_ENDIAN).putShort(16, (short) 1);
        assertTrue(message(relocatable).contains("not an executable"));

        byte[] bigEndian = good.clone();
        bigEndian[5] = 2;
        assertTrue(message(bigEndian).contains("little-endian"));

        byte[] phOutside = good.clone();
        ByteBuffer.wrap(phOutside).order(ByteOrder.LITTLE_ENDIAN).putLong(32, 1L << 40);
        assertTrue(message(phOutside).contains("program headers lie outside the file"));

        byte[] segOutside = good.clone();
        ByteBuffer b = ByteBuffer.wrap(segOutside).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54);
        int phnum = b.getShort(56);
        for (int i = 0; i < phnum; i++) {
            int ph = (int) (phoff + (long) i * phentsize);
            if (b.getInt(ph) == 1) {
                b.putLong(ph + 32, 1L << 40); // p_filesz
            }
        }
        assertTrue(message(segOutside).contains("lies outside the file"));

        assertTrue(message(java.util.Arrays.copyOf(good, 20)).contains("truncated"));
        assertTrue(message(new byte[] {1, 2, 3, 4, 5}).contains("not an ELF file"));
    }

    private static String message(byte[] file) {
        return assertThrows(ImageLoadException.class, () -> ElfImage.parse("k", file)).getMessage();
    }
    @Test
    void headerTestAcceptsWhatParseAcceptsAndNothingElse() throws Exception {
        Path elf = build(".globl _start\n_start: j _start\n");
        byte[] file = Files.readAllBytes(elf);
        assertTrue(ElfImage.isRiscv64Executable(java.util.Arrays.copyOf(file, 64)));
        ElfImage.parse("p.elf", file); // and parse agrees
        byte[] host = Files.readAllBytes(Path.of("/bin/true")); // x86-64: machine 62
        assertFalse(ElfImage.isRiscv64Executable(host));
        byte[] object = java.util.Arrays.copyOf(file, 64);
        object[16] = 1; // ET_REL: an object file, not something to boot
        assertFalse(ElfImage.isRiscv64Executable(object));
        assertFalse(ElfImage.isRiscv64Executable(java.util.Arrays.copyOf(file, 12)), "too short to tell");
        assertFalse(ElfImage.isRiscv64Executable("#!/bin/sh\n".getBytes()));
    }
}
