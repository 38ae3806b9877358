package dev.rivet.emulator.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.fdt.FdtNode;
import dev.rivet.emulator.fdt.FdtReader;
import dev.rivet.emulator.fdt.FdtWriter;
import dev.rivet.emulator.fdt.VirtDeviceTree;
import dev.rivet.emulator.machine.VirtMemoryMap;
import dev.rivet.emulator.testing.ByteArrayRam;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placement of firmware, kernel, initrd and device tree as QEMU 7.2's virt does it. */
class BootLoaderTest {

    static final Path FW_JUMP = Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf");

    @TempDir
    Path dir;

    final ByteArrayRam ram = new ByteArrayRam(VirtMemoryMap.DRAM_BASE, 128 << 20);
    final VirtDeviceTree.Options tree = new VirtDeviceTree.Options(1, VirtDeviceTree.RV64GC_ISA,
            VirtDeviceTree.MMU_TYPE, "", Optional.empty());

    private BootLoader.Plan load(FirmwareChoice fw, Path kernel, Path initrd, Path dtb, String append)
            throws ImageLoadException {
        return BootLoader.load(new BootLoader.Request(fw, Optional.ofNullable(kernel), Optional.ofNullable(initrd),
                Optional.ofNullable(dtb), append), VirtMemoryMap.qemuVirt(128L << 20), tree, ram);
    }

    @Test
    void openSbiElfAtDramAndARawKernelAtTheNext2MiBBoundary() throws Exception {
        assertTrue(Files.isRegularFile(FW_JUMP), "Debian's opensbi package is missing: ./rivet test installs it");
        Path kernel = dir.resolve("Image");
        Files.write(kernel, new byte[] {1, 2, 3, 4});
        BootLoader.Plan plan = load(new FirmwareChoice.File(FW_JUMP), kernel, null, null, "");
        assertEquals(0x80000000L, plan.startAddress());
        assertEquals(0x80200000L, plan.kernelEntry(), "QEMU puts the kernel after OpenSBI at 0x80200000");
        assertEquals(0x04030201L, ram.readLong(0x80200000L, 4));
        assertEquals(0x87e00000L, plan.fdtAddress());
    }

    @Test
    void defaultFirmwareIsDebiansFwDynamic() throws Exception {
        Path fw = BootLoader.resolveFirmware(new FirmwareChoice.Default()).orElseThrow();
        assertTrue(fw.getFileName().toString().contains("fw_dynamic"), fw.toString());
        assertTrue(BootLoader.resolveFirmware(new FirmwareChoice.None()).isEmpty());
        var e = assertThrows(ImageLoadException.class,
                () -> BootLoader.resolveFirmware(new FirmwareChoice.File(dir.resolve("missing.bin"))));
        assertTrue(e.getMessage().contains("missing.bin"));
    }

    @Test
    void biosNoneRawKernelAtDramAndInitrdAt128MiBCappedToHalfOfRam() throws Exception {
        Path kernel = dir.resolve("k.bin");
        Files.write(kernel, new byte[16]);
        Path initrd = dir.resolve("initrd");
        Files.write(initrd, "ramdisk".getBytes(StandardCharsets.US_ASCII));
        BootLoader.Plan plan = load(new FirmwareChoice.None(), kernel, initrd, null, "console=ttyS0");
        assertEquals(0x80000000L, plan.kernelEntry());
        assertEquals(new VirtDeviceTree.Range(0x84000000L, 0x84000007L), plan.initrd().orElseThrow(),
                "min(128 MiB / 2, 128 MiB) after the kernel");
        assertEquals('r', ram.readLong(0x84000000L, 1));
    }

    @Test
    void givenDtbGetsBootargsAndInitrdInChosen() throws Exception {
        FdtNode root = new FdtNode("");
        root.setStrings("model", "custom");
        Path dtb = dir.resolve("x.dtb");
        Files.write(dtb, FdtWriter.write(root, 0));
        Path kernel = dir.resolve("k.bin");
        Files.write(kernel, new byte[16]);
        BootLoader.Plan plan = load(new FirmwareChoice.None(), kernel, null, dtb, "quiet");
        FdtNode loaded = FdtReader.read(plan.fdt());
        assertEquals("custom\0", new String(loaded.properties().get("model"), StandardCharsets.US_ASCII));
        assertEquals("quiet\0", new String(loaded.child("chosen").orElseThrow().properties().get("bootargs"),
                StandardCharsets.US_ASCII));
        byte[] inRam = new byte[plan.fdt().length];
        ram.readBytes(plan.fdtAddress(), inRam, 0, inRam.length);
        assertEquals(plan.fdtAddress(), 0x87e00000L);
        assertTrue(java.util.Arrays.equals(plan.fdt(), inRam));
    }

    @Test
    void elfSegmentOutsideRamIsAClearError() throws Exception {
        dev.rivet.emulator.testing.HostTools.require("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf");
        Path s = dir.resolve("k.S");
        Files.writeString(s, ".globl _start\n_start: j _start\n");
        Path elf = dir.resolve("k.elf");
        // -Ttext alone makes ld put the ELF headers in a segment at 0x7ffff000, below RAM
        var r = dev.rivet.emulator.testing.HostTools.run(60, "riscv64-unknown-elf-gcc", "-nostdlib",
                "-Wl,-Ttext=0x80000000", "-o", elf.toString(), s.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        var e = assertThrows(ImageLoadException.class, () -> load(new FirmwareChoice.None(), elf, null, null, ""));
        assertTrue(e.getMessage().contains("segment at 0x7ffff000") && e.getMessage().contains("outside RAM"),
                e.getMessage());
    }

    @Test
    void badFilesAreClearErrors() throws Exception {
        Path garbageDtb = dir.resolve("bad.dtb");
        Files.write(garbageDtb, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(ImageLoadException.class,
                () -> load(new FirmwareChoice.None(), null, null, garbageDtb, "")).getMessage().contains("bad magic"));
        assertTrue(assertThrows(ImageLoadException.class,
                () -> load(new FirmwareChoice.None(), dir.resolve("nokernel"), null, null, "")).getMessage()
                .contains("could not read kernel"));
        Path huge = dir.resolve("huge.bin");
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(200L << 20);
        }
        assertTrue(assertThrows(ImageLoadException.class,
                () -> load(new FirmwareChoice.None(), huge, null, null, "")).getMessage().contains("does not fit"));
        Path initrd = dir.resolve("i");
        Files.write(initrd, new byte[1]);
        assertTrue(assertThrows(ImageLoadException.class,
                () -> load(new FirmwareChoice.None(), null, initrd, null, "")).getMessage().contains("-initrd needs -kernel"));
    }
}
