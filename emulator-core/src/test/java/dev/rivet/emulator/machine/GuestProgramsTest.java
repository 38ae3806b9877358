package dev.rivet.emulator.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.testing.ConsoleProcess;
import dev.rivet.emulator.testing.GuestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's own M-mode test programs, each run on QEMU 7.2 (which checks the program) and on
 * Rivet's command line ({@code java ... Main}, as {@code ./rivet emu} runs it): same console
 * output, same exit status. Covered: test-finisher exit codes, UART receive interrupts through the
 * PLIC, the UART's registers (loopback, overrun, FIFO trigger levels and character timeout, THR
 * empty), bursts of typed bytes through the receive FIFO, CLINT timer interrupts, LR/SC and msip IPIs between two harts, virtio-blk on both
 * virtio-mmio versions with the disk checked after the writes.
 */
class GuestProgramsTest {

    static final List<String> MACHINE = List.of("-machine", "virt", "-bios", "none", "-nographic",
            "-serial", "mon:stdio");
    static final String QEMU_RV64GC = "rv64,h=false,sstc=false,zba=false,zbb=false,zbc=false,zbs=false";
    static final long TIMEOUT_S = 60;

    @TempDir
    Path dir;

    record Run(int status, String console) {
    }

    private static List<String> args(Path kernel, String... more) {
        List<String> a = new ArrayList<>(MACHINE);
        a.addAll(List.of("-kernel", kernel.toString()));
        a.addAll(Arrays.asList(more));
        return a;
    }

    private static Run run(List<String> command, String input) throws Exception {
        try (ConsoleProcess p = ConsoleProcess.start(command)) {
            p.type(input);
            int status = p.exitStatus(TIMEOUT_S);
            return new Run(status, p.output().replace("\r\n", "\n"));
        }
    }

    private static Run qemu(List<String> args, String input) throws Exception {
        List<String> a = new ArrayList<>(List.of("-cpu", QEMU_RV64GC));
        a.addAll(args);
        return run(ConsoleProcess.qemu(a), input);
    }

    private static Run rivet(List<String> args, String input) throws Exception {
        return run(ConsoleProcess.rivet(args), input);
    }

    private void sameOnBoth(List<String> args, String input, int expectedStatus, String expectedConsole)
            throws Exception {
        Run q = qemu(args, input);
        assertEquals(new Run(expectedStatus, expectedConsole), q, "QEMU, the oracle, disagrees with the test");
        assertEquals(q, rivet(args, input));
    }

    @ParameterizedTest(name = "fail code {0}")
    @ValueSource(ints = {0, 1, 42, 255})
    void finisherStatusBecomesTheExitStatus(int code) throws Exception {
        Path elf = GuestPrograms.build(dir, "finisher", "CODE=" + code);
        sameOnBoth(args(elf), "", code, "finisher\n");
    }

    @Test
    void finisherResetWithNoRebootExitsZero() throws Exception {
        Path elf = GuestPrograms.build(dir, "finisher", "RESET", "CODE=1");
        sameOnBoth(args(elf, "-no-reboot"), "", 0, "finisher\n");
    }

    @Test
    void finisherResetWithoutNoRebootRebootsTheMachine() throws Exception {
        Path elf = GuestPrograms.build(dir, "finisher", "RESET", "CODE=1");
        try (ConsoleProcess p = ConsoleProcess.start(ConsoleProcess.rivet(args(elf)))) {
            p.expect("finisher\nfinisher\nfinisher\n", TIMEOUT_S);
            p.type("\u0001x");
            assertEquals(0, p.exitStatus(TIMEOUT_S));
        }
    }

    @Test
    void uartReceiveInterruptsThroughThePlic() throws Exception {
        Path elf = GuestPrograms.build(dir, "uart_irq");
        sameOnBoth(args(elf), "abq", 0, "ready\n<a><b><q>\nbye\n");
    }

    /** What QEMU 7.2 shows {@code uart_regs.c}, one register read per line. */
    static final String UART_REGISTERS = """
            ier 00
            iir 01
            lcr 00
            mcr 08
            lsr 60
            msr b0
            scr 00
            dll 0c
            dlm 00
            lcr 8n1 03
            msi iir 01
            loop msr 00
            loop iir 01
            loop all msr f0
            loop all msr again f0
            loop all iir 01
            loop out1 off msr b0
            loop out1 off iir 01
            loop none msr 00
            out2 msr b0
            out2 iir 01
            one iir 04
            one lsr 61
            overrun iir 06
            overrun lsr 63
            overrun lsr again 61
            overrun iir after lsr 04
            overrun rbr 62
            overrun rbr lsr 60
            overrun rbr iir 01
            rfr off lsr 60
            rfr off iir 01
            rfr off rbr 63
            fifo iir c1
            """ + triggerLevel(1) + triggerLevel(4) + triggerLevel(8) + triggerLevel(14) + """
            full iir c6
            full lsr 63
            full iir after lsr c4
            full count 10
            full last 50
            rfr lsr 60
            rfr iir c1
            rfr rbr 00
            fifo off lsr 60
            fifo off iir 01
            thri iir 02
            thri iir again 01
            sent iir 02
            sent iir again 01
            sent lsr 61
            same ier iir 01
            toggled ier iir 02
            toggled ier iir again 01
            rdi and thri iir 04
            rdi and thri rbr 75
            after rbr iir 02
            after rbr iir again 01
            fifo on iir c2
            fifo on iir again c1
            xfr iir c2
            xfr iir again c1
            same fcr iir c1
            """;

    /**
     * One trigger level in {@code uart_regs.c}: below it no interrupt until the character
     * timeout, which then stays reported when the level is reached and until RBR is read.
     */
    private static String triggerLevel(int level) {
        String timeout = level == 1 ? "c1" : "cc";
        return "below iir c1\nbelow later iir " + timeout + "\nat iir " + (level == 1 ? "c4" : "cc")
                + "\none read iir c1\none read later iir " + timeout + "\ncount " + String.format("%02x", level)
                + "\ndrained iir c1\n";
    }

    @Test
    void uartRegistersAsQemuShowsThem() throws Exception {
        Path elf = GuestPrograms.build(dir, "uart_regs");
        sameOnBoth(args(elf), "", 0, UART_REGISTERS);
    }

    /**
     * Types each burst after the guest answered the one before; a burst's pieces are typed with
     * a typist's pause between them, well inside the character timeout of {@code uart_fifo.c}.
     */
    private static Run typedInBursts(List<String> command, List<List<String>> bursts, List<String> answers)
            throws Exception {
        try (ConsoleProcess p = ConsoleProcess.start(command)) {
            p.expect("ready\n", TIMEOUT_S);
            for (int i = 0; i < bursts.size(); i++) {
                for (int j = 0; j < bursts.get(i).size(); j++) {
                    if (j > 0) {
                        TimeUnit.MILLISECONDS.sleep(TYPIST_PAUSE_MS);
                    }
                    p.type(bursts.get(i).get(j));
                }
                p.expect(answers.get(i), TIMEOUT_S);
            }
            int status = p.exitStatus(TIMEOUT_S);
            return new Run(status, p.output().replace("\r\n", "\n"));
        }
    }

    /** A pause between keys: an eighth of {@code uart_fifo.c}'s 400 ms character timeout. */
    static final long TYPIST_PAUSE_MS = 50;

    @Test
    void typedBurstsThroughTheReceiveFifoAsQemuDeliversThem() throws Exception {
        Path elf = GuestPrograms.build(dir, "uart_fifo");
        List<List<String>> bursts = List.of(List.of("abcdefgh"), List.of("ijkl"), List.of("mnop", "qrst"));
        List<String> answers = List.of("[c4:abcdefgh]\n", "[cc:ijkl]\n", "[c4:mnopqrst]\n");
        Run expected = new Run(0, "ready\n" + String.join("", answers) + "bye\n");
        List<String> qemu = new ArrayList<>(List.of("-cpu", QEMU_RV64GC));
        qemu.addAll(args(elf));
        assertEquals(expected, typedInBursts(ConsoleProcess.qemu(qemu), bursts, answers), "on QEMU");
        assertEquals(expected, typedInBursts(ConsoleProcess.rivet(args(elf)), bursts, answers), "on Rivet");
    }

    @Test
    void ctrlAXQuitsRivetWithStatusZeroAsQemuDoes() throws Exception {
        Path elf = GuestPrograms.build(dir, "uart_irq");
        try (ConsoleProcess p = ConsoleProcess.start(ConsoleProcess.rivet(args(elf)))) {
            p.expect("ready\n", TIMEOUT_S);
            p.type("a");
            p.expect("<a>", TIMEOUT_S);
            p.type("\u0001x");
            assertEquals(0, p.exitStatus(TIMEOUT_S));
            assertTrue(p.errors().contains("rivet: terminated"), p.errors());
            assertFalse(p.output().contains("<x>"), "the escape sequence is not passed to the guest");
        }
    }

    @Test
    void plicGatewayKeepsAPendingSourceUntilItIsClaimed() throws Exception {
        Path elf = GuestPrograms.build(dir, "plic_gateway");
        sameOnBoth(args(elf), "", 0, """
                idle pending 0
                raised pending 1
                lowered pending 1
                claim 10
                claimed pending 0
                claim again 0
                claim while high 10
                completed low pending 0
                last claim 0
                """);
    }

    @Test
    void clintTimerInterrupts() throws Exception {
        Path elf = GuestPrograms.build(dir, "timer");
        sameOnBoth(args(elf), "", 0, "ticks 5\n");
    }

    @Test
    void lrScAndMsipIpisBetweenTwoHarts() throws Exception {
        Path elf = GuestPrograms.build(dir, "ipi");
        sameOnBoth(args(elf, "-smp", "2"), "", 0, "counter ok\nipi ok\n");
    }

    /**
     * What QEMU 7.2 shows {@code virtio_errors.c}: requests served (status byte 0, or 1 for a
     * length that is not whole sectors, or untouched when the last data byte served as status),
     * malformed chains breaking the device (modern: DEVICE_NEEDS_RESET and InterruptStatus 3;
     * legacy: nothing to see, nothing served).
     */
    static String virtioErrorsTranscript(boolean legacy) {
        String ok = legacy ? "00000007" : "0000000f";
        String broken = legacy ? "00000007" : "0000004f";
        StringBuilder s = new StringBuilder();
        s.append("version ").append(legacy ? "00000001" : "00000002").append('\n');
        s.append("features0 10000244\nfeatures1 ").append(legacy ? "00000000" : "00000001").append('\n');
        s.append("qmax 00000400\nqmax1 00000000\n");
        java.util.function.BiConsumer<String, String> served = (label, st) -> s.append(label)
                .append("\n status ").append(ok).append("\n isr 00000001\n used 00000001\n st ").append(st)
                .append('\n');
        java.util.function.BiConsumer<String, String> stopped = (label, isr) -> s.append(label)
                .append("\n status ").append(broken).append("\n isr ").append(isr)
                .append("\n used 00000000\n st 000000ee\n");
        String errorIsr = legacy ? "00000000" : "00000003";
        served.accept("plain", "00000000");
        served.accept("indirect not negotiated", "00000000");
        served.accept("indirect negotiated", "00000000");
        stopped.accept("indirect bad len", errorIsr);
        stopped.accept("after error plain", "00000000");
        served.accept("nested indirect flag", "00000000");
        served.accept("indirect with next", "00000000");
        stopped.accept("writable then readable", errorIsr);
        stopped.accept("loop", errorIsr);
        s.append("avail jump status ").append(broken).append('\n');
        stopped.accept("head beyond", errorIsr);
        stopped.accept("short header", errorIsr);
        served.accept("not whole sector", "00000001");
        served.accept("last data byte as status", "000000ee");
        served.accept("after reset plain", "00000000");
        if (legacy) {
            s.append("pfn 0 status 00000000\n");
        }
        return s.toString();
    }

    @ParameterizedTest(name = "force-legacy={0}")
    @ValueSource(booleans = {true, false})
    void virtioQueueErrorsAndIndirectDescriptorsAsQemu(boolean legacy) throws Exception {
        Path elf = GuestPrograms.build(dir, "virtio_errors");
        Path disk = dir.resolve("errors" + legacy + ".img");
        Files.write(disk, new byte[8 * 512]);
        sameOnBoth(args(elf, "-global", "virtio-mmio.force-legacy=" + legacy,
                "-drive", "file=" + disk + ",if=none,format=raw,id=x0",
                "-device", "virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0"), "", 0, virtioErrorsTranscript(legacy));
    }

    @ParameterizedTest(name = "force-legacy={0}")
    @ValueSource(booleans = {true, false})
    void virtioBlockOnBothTransportVersionsWritesReachTheImage(boolean legacy) throws Exception {
        Path elf = GuestPrograms.build(dir, "virtio_blk");
        byte[] image = new byte[8 * 512];
        System.arraycopy("RIVETDISK".getBytes(StandardCharsets.US_ASCII), 0, image, 0, 9);
        byte[] expectedSector1 = new byte[512];
        for (int i = 0; i < 512; i++) {
            expectedSector1[i] = (byte) (i * 7 + 3);
        }
        String console = "virtio-mmio version " + (legacy ? 1 : 2) + "\nread ok\nwrite ok\nid ok\n";
        for (boolean onQemu : new boolean[] {true, false}) {
            Path disk = dir.resolve((onQemu ? "qemu" : "rivet") + legacy + ".img");
            Files.write(disk, image);
            List<String> a = args(elf, "-global", "virtio-mmio.force-legacy=" + legacy,
                    "-drive", "file=" + disk + ",if=none,format=raw,id=x0",
                    "-device", "virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0,serial=RIVET-SN1");
            Run r = onQemu ? qemu(a, "") : rivet(a, "");
            assertEquals(new Run(0, console), r, onQemu ? "on QEMU" : "on Rivet");
            byte[] after = Files.readAllBytes(disk);
            assertArrayEquals(expectedSector1, Arrays.copyOfRange(after, 512, 1024), "sector 1 in the image file");
            assertArrayEquals(Arrays.copyOfRange(image, 1024, image.length),
                    Arrays.copyOfRange(after, 1024, after.length), "the rest untouched");
        }
    }
}
