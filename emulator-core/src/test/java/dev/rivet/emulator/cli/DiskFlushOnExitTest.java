package dev.rivet.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.testing.ConsoleProcess;
import dev.rivet.emulator.testing.GuestPrograms;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk image keeps what the guest wrote when the user ends the emulator on a guest that never
 * finishes: Ctrl-A x, and SIGTERM ({@code kill PID}, {@link ConsoleProcess#terminate()}). The guest
 * ({@code virtio_blk.c -DWRITE_AND_WAIT}) writes sector 1 without a FLUSH, says "written" and
 * waits in WFI; Rivet runs as its own process, as {@code ./rivet emu} runs it.
 */
class DiskFlushOnExitTest {

    static final long TIMEOUT_S = 60;
    /** How the JVM ends on SIGTERM once its shutdown hooks ran: 128 + 15 (QEMU exits with 0). */
    static final int STATUS_AFTER_SIGTERM = 143;

    @TempDir
    Path dir;

    Path elf;
    Path disk;
    byte[] image;

    @BeforeEach
    void setUp() throws Exception {
        elf = GuestPrograms.build(dir, "virtio_blk", "WRITE_AND_WAIT");
        image = new byte[8 * 512];
        System.arraycopy("RIVETDISK".getBytes(StandardCharsets.US_ASCII), 0, image, 0, 9);
        disk = dir.resolve("disk.img");
        Files.write(disk, image);
    }

    private List<String> args(boolean legacy) {
        return new ArrayList<>(List.of("-machine", "virt", "-bios", "none", "-nographic", "-serial", "mon:stdio",
                "-kernel", elf.toString(), "-global", "virtio-mmio.force-legacy=" + legacy,
                "-drive", "file=" + disk + ",if=none,format=raw,id=x0",
                "-device", "virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0,serial=RIVET-SN1"));
    }

    private void assertSectorOneWritten() throws Exception {
        byte[] after = Files.readAllBytes(disk);
        byte[] expected = new byte[512];
        for (int i = 0; i < 512; i++) {
            expected[i] = (byte) (i * 7 + 3);
        }
        assertArrayEquals(expected, Arrays.copyOfRange(after, 512, 1024), "sector 1 in the image file");
        assertArrayEquals(Arrays.copyOfRange(image, 1024, image.length), Arrays.copyOfRange(after, 1024, after.length),
                "the rest untouched");
    }

    @Test
    void ctrlAXKeepsTheWrite() throws Exception {
        try (ConsoleProcess p = ConsoleProcess.start(ConsoleProcess.rivet(args(true)))) {
            p.expect("written\n", TIMEOUT_S);
            p.type("\u0001x");
            assertEquals(0, p.exitStatus(TIMEOUT_S));
            assertTrue(p.errors().contains("rivet: terminated"), p.errors());
            assertFalse(p.errors().contains("signal"), "closed by the normal way out, not the hook: " + p.errors());
        }
        assertSectorOneWritten();
    }

    @Test
    void sigtermKeepsTheWrite() throws Exception {
        try (ConsoleProcess p = ConsoleProcess.start(ConsoleProcess.rivet(args(false)))) {
            p.expect("written\n", TIMEOUT_S);
            p.terminate();
            assertEquals(STATUS_AFTER_SIGTERM, p.exitStatus(TIMEOUT_S));
            assertTrue(p.errors().contains("rivet: terminating on signal, disk images flushed"),
                    "the shutdown hook closed the image: " + p.errors());
        }
        assertSectorOneWritten();
    }

    @Test
    void sigtermDuringGdbStubRunKeepsTheWrite() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> a = args(true);
        a.addAll(List.of("-gdb", "tcp::" + port)); // the stub runs the machine; nobody connects
        try (ConsoleProcess p = ConsoleProcess.start(ConsoleProcess.rivet(a))) {
            p.expect("written\n", TIMEOUT_S);
            p.terminate();
            assertEquals(STATUS_AFTER_SIGTERM, p.exitStatus(TIMEOUT_S));
            assertTrue(p.errors().contains("rivet: terminating on signal, disk images flushed"), p.errors());
        }
        assertSectorOneWritten();
    }

    @Test
    void qemuTheOracleKeepsTheWriteOnBothWaysOut() throws Exception {
        for (boolean sigterm : new boolean[] {false, true}) {
            Files.write(disk, image);
            List<String> a = new ArrayList<>(List.of("-cpu", "rv64,h=false,sstc=false,zba=false,zbb=false,zbc=false,zbs=false"));
            a.addAll(args(true));
            try (ConsoleProcess p = ConsoleProcess.start(ConsoleProcess.qemu(a))) {
                p.expect("written\n", TIMEOUT_S);
                if (sigterm) {
                    p.terminate();
                } else {
                    p.type("\u0001x");
                }
                assertEquals(0, p.exitStatus(TIMEOUT_S), sigterm ? "SIGTERM" : "Ctrl-A x");
            }
            assertSectorOneWritten();
        }
    }
}
