package dev.rivet.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rivet.emulator.machine.HartFactory;
import dev.rivet.emulator.testing.HostTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's error paths and {@code dumpdtb}, run in-process. */
class MainTest {

    static final HartFactory NO_HARTS = (id, bus, clock) -> fail("no hart should be built");

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return Main.run(List.of(args), new ByteArrayInputStream(new byte[0]), new PrintStream(out),
                new PrintStream(err), NO_HARTS);
    }

    String errLines() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unsupportedOptionIsOneErrorLineAndStatus1() {
        assertEquals(1, run("-machine", "virt", "-netdev", "user,id=n0"));
        assertEquals("rivet: unsupported option: -netdev\n", errLines());
    }

    @Test
    void waitingForGdbWithoutAStubIsOneErrorLine() {
        assertEquals(1, run("-machine", "virt", "-S"));
        assertTrue(errLines().contains("-S needs -s or -gdb"), errLines());
        assertEquals(1, errLines().lines().count());
    }

    @Test
    void gdbStubServesTheMachineAndTheGuestExitStatusIsTheExitStatus() throws Exception {
        Path elf = dev.rivet.emulator.testing.GuestPrograms.build(dir, "finisher", "CODE=3");
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        java.util.concurrent.CompletableFuture<Integer> status = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> run("-machine", "virt", "-bios", "none", "-kernel", elf.toString(), "-S", "-gdb", "tcp::" + port));
        java.net.Socket gdb = null;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (gdb == null) {
            try {
                gdb = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
            } catch (java.net.ConnectException notYet) {
                assertTrue(System.nanoTime() < deadline, "the stub never listened: " + errLines());
                Thread.onSpinWait();
            }
        }
        try (java.net.Socket s = gdb) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("$vCont;c#a8".getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder reply = new StringBuilder();
            int b;
            while ((b = s.getInputStream().read()) >= 0 && b != '#') {
                reply.append((char) b);
            }
            assertEquals("+$W03", reply.toString());
        }
        assertEquals(3, status.get(20, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(errLines().contains("GDB stub listening on 127.0.0.1:" + port), errLines());
    }

    @Test
    void missingKernelIsOneClearLine() {
        assertEquals(1, run("-machine", "virt", "-bios", "none", "-kernel", dir.resolve("nope.elf").toString()));
        assertTrue(errLines().startsWith("rivet: could not read kernel"), errLines());
        assertEquals(1, errLines().lines().count());
    }

    @Test
    void dumpDtbWritesTheSameTreeAsQemu() throws Exception {
        Path rivet = dir.resolve("rivet.dtb");
        Path qemu = dir.resolve("qemu.dtb");
        Path kernel = dir.resolve("k.bin");
        Files.write(kernel, new byte[64]);
        assertEquals(0, run("-machine", "virt,dumpdtb=" + rivet, "-smp", "3", "-m", "512M", "-append", "quiet",
                "-bios", "none", "-kernel", kernel.toString()));
        HostTools.require("qemu-system-riscv64", "qemu-system-misc");
        HostTools.run(60, "qemu-system-riscv64", "-machine", "virt,dumpdtb=" + qemu, "-cpu",
                "rv64,h=false,sstc=false,zba=false,zbb=false,zbc=false,zbs=false", "-smp", "3", "-m", "512M",
                "-append", "quiet", "-bios", "none", "-nographic", "-kernel", kernel.toString());
        assertTrue(Files.exists(qemu));
        assertEquals(dev.rivet.emulator.testing.QemuDeviceTrees.withoutDocumentedDifferences(
                HostTools.decompileDtb(qemu)), HostTools.decompileDtb(rivet));
    }
}
