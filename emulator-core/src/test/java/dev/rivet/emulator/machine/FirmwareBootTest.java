package dev.rivet.emulator.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rivet.emulator.testing.ConsoleProcess;
import dev.rivet.emulator.testing.HostTools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Debian's OpenSBI 1.1 and U-Boot boot on Rivet as on QEMU 7.2 with its CPU reduced to RV64GC.
 * OpenSBI's console transcript (banner, platform, domain and boot-hart lines: ISA, PMP, MIDELEG,
 * MEDELEG, MHPM count, timer and console devices, domain regions) must be the same line for line.
 * U-Boot (S-mode, started on OpenSBI as -kernel) must reach its prompt and see the disk.
 */
class FirmwareBootTest {

    static final Path FW_JUMP = Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf");
    static final Path UBOOT = Path.of("/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf");
    static final String QEMU_RV64GC = "rv64,h=false,sstc=false,zba=false,zbb=false,zbc=false,zbs=false";

    @TempDir
    Path dir;

    private static void requireFile(Path p, String debianPackage) {
        if (!Files.isRegularFile(p)) {
            fail(p + " is missing: it comes from Debian's " + debianPackage + " package, which ./rivet test installs");
        }
    }

    private Path payload() throws Exception {
        HostTools.require("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf");
        Path src = dir.resolve("smode_payload.S");
        try (InputStream in = getClass().getResourceAsStream("/guest/smode_payload.S")) {
            Files.copy(in, src);
        }
        Path elf = dir.resolve("payload.elf");
        Path bin = dir.resolve("payload.bin");
        HostTools.Result r = HostTools.run(60, "riscv64-unknown-elf-gcc", "-nostdlib", "-nostartfiles",
                "-Wl,-Ttext=0x80200000", "-Wl,--no-warn-rwx-segments", "-o", elf.toString(), src.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        r = HostTools.run(60, "riscv64-unknown-elf-objcopy", "-O", "binary", elf.toString(), bin.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        return bin;
    }

    private static String transcript(List<String> command) throws Exception {
        try (ConsoleProcess p = ConsoleProcess.start(command)) {
            assertEquals(0, p.exitStatus(120), "exit status of " + command.get(0));
            return p.output().replace("\r\n", "\n");
        }
    }

    @ParameterizedTest(name = "-bios {0} -smp {1}")
    @CsvSource({"fw_jump, 1", "default, 1", "fw_jump, 2"})
    void openSbiPrintsTheSameTranscriptAsOnQemu(String bios, int harts) throws Exception {
        requireFile(FW_JUMP, "opensbi");
        Path kernel = payload();
        List<String> args = new ArrayList<>(List.of("-machine", "virt", "-nographic", "-smp", Integer.toString(harts),
                "-kernel", kernel.toString()));
        if (!bios.equals("default")) {
            args.addAll(List.of("-bios", FW_JUMP.toString()));
        }
        List<String> qemuArgs = new ArrayList<>(List.of("-cpu", QEMU_RV64GC));
        qemuArgs.addAll(args);
        String qemu = transcript(ConsoleProcess.qemu(qemuArgs));
        assertTrue(qemu.contains("OpenSBI v1.1") && qemu.contains("S-mode payload reached"), qemu);
        String rivet = transcript(ConsoleProcess.rivet(args));
        assertEquals(comparable(qemu), comparable(rivet));
    }

    /**
     * The transcript with, when there are several harts, the boot hart's id blanked: OpenSBI's boot
     * hart is whichever wins a race (on QEMU any hart, on Rivet's deterministic round robin always
     * hart 0).
     */
    private static String comparable(String transcript) {
        return transcript.replaceAll("(?m)^(Domain0 Boot HART|Boot HART ID)( *): \\d+$", "$1$2: N");
    }

    @Test
    void uBootReachesItsPromptAndSeesTheVirtioDisk() throws Exception {
        requireFile(FW_JUMP, "opensbi");
        requireFile(UBOOT, "u-boot-qemu");
        Path disk = dir.resolve("disk.img");
        try (var f = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(8L << 20);
        }
        List<String> args = List.of("-machine", "virt", "-nographic", "-bios", FW_JUMP.toString(),
                "-kernel", UBOOT.toString(), "-drive", "file=" + disk + ",if=none,format=raw,id=x0",
                "-device", "virtio-blk-device,drive=x0");
        try (ConsoleProcess p = ConsoleProcess.start(ConsoleProcess.rivet(args))) {
            p.expect("Hit any key to stop autoboot", 120);
            p.type(" ");
            p.expect("=> ", 60);
            p.type("virtio scan\r");
            p.expect("=> virtio scan", 30);
            p.type("virtio info\r");
            p.expect("Capacity: 8.0 MB = 0.0 GB (16384 x 512)", 60);
            assertTrue(p.output().contains("Device 0: QEMU VirtIO Block Device"), p.output());
            p.type("poweroff\r");
            assertEquals(0, p.exitStatus(60), "poweroff goes through SBI to the test finisher");
        }
    }
}
