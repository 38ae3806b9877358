package dev.rivet.emulator.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.loader.BootLoader;
import dev.rivet.emulator.loader.FirmwareChoice;
import dev.rivet.emulator.machine.VirtMemoryMap;
import dev.rivet.emulator.testing.ByteArrayRam;
import dev.rivet.emulator.testing.HostTools;
import dev.rivet.emulator.testing.QemuDeviceTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rivet's device tree, decompiled by dtc, against the one QEMU 7.2 dumps for the same options
 * ({@code -machine virt,dumpdtb=FILE} with the CPU reduced to RV64GC). The comparison is textual
 * after removing exactly the documented differences: the nodes of devices Rivet does not have
 * (fw-cfg, flash, platform-bus, pci) and QEMU's random {@code rng-seed}.
 */
class VirtDeviceTreeVsQemuTest {

    static final String QEMU_RV64GC = "rv64,h=false,sstc=false,zba=false,zbb=false,zbc=false,zbs=false";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "-smp {0} -m {1}M append=''{2}'' initrd={3}")
    @CsvSource({
        "1, 128, '', false",
        "2, 256, 'console=ttyS0 earlycon=sbi', true",
        "4, 64, 'root=/dev/vda rw', false",
        "8, 1024, '', true",
    })
    void deviceTreeMatchesQemusDump(int harts, int megabytes, String append, boolean withInitrd) throws Exception {
        HostTools.require("qemu-system-riscv64", "qemu-system-misc");
        Path kernel = dir.resolve("kernel.bin");
        Files.write(kernel, new byte[] {0x73, 0x00, 0x50, 0x10}); // wfi
        Path initrd = dir.resolve("initrd.img");
        Files.write(initrd, new byte[1234]);
        Path qemuDtb = dir.resolve("qemu.dtb");

        List<String> cmd = new ArrayList<>(List.of("qemu-system-riscv64", "-machine", "virt,dumpdtb=" + qemuDtb,
                "-cpu", QEMU_RV64GC, "-smp", Integer.toString(harts), "-m", megabytes + "M", "-nographic",
                "-bios", "none", "-kernel", kernel.toString()));
        if (!append.isEmpty()) {
            cmd.addAll(List.of("-append", append));
        }
        if (withInitrd) {
            cmd.addAll(List.of("-initrd", initrd.toString()));
        }
        HostTools.Result q = HostTools.run(60, cmd.toArray(String[]::new));
        assertTrue(Files.exists(qemuDtb), "QEMU dumped no device tree: " + q.stderr());

        VirtMemoryMap map = VirtMemoryMap.qemuVirt((long) megabytes << 20);
        ByteArrayRam ram = new ByteArrayRam(VirtMemoryMap.DRAM_BASE, megabytes << 20);
        BootLoader.Plan plan = BootLoader.load(
                new BootLoader.Request(new FirmwareChoice.None(), Optional.of(kernel),
                        withInitrd ? Optional.of(initrd) : Optional.empty(), Optional.empty(), append),
                map, new VirtDeviceTree.Options(harts, VirtDeviceTree.RV64GC_ISA, VirtDeviceTree.MMU_TYPE, "", Optional.empty()),
                ram);
        Path rivetDtb = dir.resolve("rivet.dtb");
        Files.write(rivetDtb, plan.fdt());

        String expected = QemuDeviceTrees.withoutDocumentedDifferences(HostTools.decompileDtb(qemuDtb));
        String actual = HostTools.decompileDtb(rivetDtb);
        assertEquals(expected, actual);
    }
}
