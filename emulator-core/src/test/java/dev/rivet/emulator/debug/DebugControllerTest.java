package dev.rivet.emulator.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.cpu.PrivilegeMode;
import dev.rivet.emulator.cpu.csr.CsrAddress;
import dev.rivet.emulator.testing.GuestPrograms;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debug API on the virt machine running the debugger's test programs. */
class DebugControllerTest {

    static final long UART = 0x1000_0000L;
    static final long PLIC_PENDING = 0x0c00_1000L;
    static final long PLIC_CLAIM_HART0_M = 0x0c20_0004L;

    @TempDir
    static Path dir;
    static Path debuggee;
    static Path devices;

    private DebugController debug;
    private VirtMachineTarget target;
    private final BlockingQueue<StopEvent> stops = new LinkedBlockingQueue<>();

    @BeforeAll
    static void build() throws Exception {
        debuggee = Debuggee.build(dir, "debuggee", "start.S", "debuggee.c");
        devices = Debuggee.build(dir, "devices", "devices.S");
    }

    private void start(Path kernel, int harts) throws Exception {
        target = Debuggee.machine(kernel, harts);
        debug = new DebugController(target, 16, true);
        debug.addStopListener(stops::add);
        debug.start("rivet-machine-test");
    }

    private StopEvent nextStop() throws InterruptedException {
        StopEvent e = stops.poll(20, TimeUnit.SECONDS);
        assertTrue(e != null, "the machine did not stop");
        return e;
    }

    @AfterEach
    void close() {
        if (debug != null) {
            debug.close();
        }
    }

    private static long le64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void peeksOfTheUartReceiveBufferAndThePlicClaimRegisterConsumeNothing() throws Exception {
        haltWithAByteReceived();
        for (int i = 0; i < 3; i++) {
            assertEquals('A', debug.readPhysical(UART, 1)[0], "RBR");
            assertEquals(1, debug.readPhysical(UART + 5, 1)[0] & 1, "LSR.DR stays set");
            assertEquals(10, debug.readPhysical(PLIC_CLAIM_HART0_M, 4)[0], "claim shows source 10, unclaimed");
            assertEquals(1 << 10, debug.readPhysical(PLIC_PENDING, 4)[1] << 8 & 0xffff, "source 10 stays pending");
        }
        assertThrows(DebugException.class, () -> debug.writePhysical(UART, new byte[] {1}));
        assertEquals('A', debug.readPhysical(UART, 1)[0], "a refused device write changes nothing");
    }

    /** Stops {@code devices.S} at {@code spin} with 'A' in the UART's receive FIFO. */
    private void haltWithAByteReceived() throws Exception {
        start(devices, 1);
        debug.runTo(0, Debuggee.symbol(devices, "spin"));
        assertEquals(new StopEvent.BreakpointHit(0, Debuggee.symbol(devices, "spin")), nextStop());
        target.machine().typed('A');
        debug.resumeAll(); // the UART takes the byte at the start of a round
        waitUntil(() -> (debug.readPhysical(UART + 5, 1)[0] & 1) != 0);
        debug.haltAll();
        assertInstanceOf(StopEvent.Halted.class, nextStop());
    }

    @Test
    void aWideReadOfTheUartShowsEachByteWideRegisterAndConsumesNothing() throws Exception {
        haltWithAByteReceived();
        // IIR: FIFO on + received data available (0xc4), or the character timeout (0xcc) once four
        // character times of machine time have passed since the byte came, as on QEMU; the machine
        // is halted, so it does not change between the reads below
        byte iir = debug.readPhysical(UART + 2, 1)[0];
        assertTrue(iir == (byte) 0xc4 || iir == (byte) 0xcc, "IIR " + Integer.toHexString(iir & 0xff));
        // RBR 'A'; IER RDI; IIR; LCR 8N1; MCR DTR|RTS|OUT2; LSR DR|THRE|TEMT;
        // MSR CTS|DSR|DCD (a connected terminal, no deltas); SCR.
        byte[] registers = {0x41, 0x01, iir, 0x03, 0x0b, 0x61, (byte) 0xb0, 0x5a};
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(registers, debug.readPhysical(UART, 8), "x/8xb 0x10000000, read " + i);
            assertArrayEquals(registers, debug.readPhysical(UART, 16), "the UART decodes offsets 0..7 only");
            assertArrayEquals(new byte[] {iir, 0x03, 0x0b}, debug.readPhysical(UART + 2, 3),
                    "an unaligned read starts at its own register");
        }
        assertEquals(1 << 10, le64(java.util.Arrays.copyOf(debug.readPhysical(PLIC_PENDING, 4), 8)),
                "the receive interrupt stays pending at the PLIC");
        debug.setPc(0, Debuggee.symbol(devices, "read_rbr"));
        debug.step(0);
        assertEquals(new StopEvent.Stepped(0), nextStop());
        assertEquals('A', debug.gpr(0, 10), "the guest still receives the byte");
        assertArrayEquals(new byte[] {0, 0x01, (byte) 0xc1, 0x03, 0x0b, 0x60, (byte) 0xb0, 0x5a}, debug.readPhysical(UART, 8),
                "after the guest's read: FIFO empty, no interrupt, LSR.DR clear");
    }

    @Test
    void debuggerReadsOfWordWideDevicesReadWholeRegistersAndKeepTheBytesAsked() throws Exception {
        haltWithAByteReceived();
        // PLIC (32-bit registers only): priority[10] = 1 and priority[11] = 0 in one 8-byte read;
        // bytes 1..2 of context 0's first enable word (1 << 10) alone.
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, debug.readPhysical(0x0c00_0028L, 8));
        assertArrayEquals(new byte[] {0x04, 0x00}, debug.readPhysical(0x0c00_2001L, 2));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(new byte[] {0, 0, 0, 0, 10, 0, 0, 0}, debug.readPhysical(PLIC_CLAIM_HART0_M - 4, 8),
                    "threshold 0 and the claim register, which still shows source 10");
        }
        // CLINT: msip (32-bit only) and mtimecmp/mtime (32 or 64 bits).
        assertArrayEquals(new byte[8], debug.readPhysical(0x0200_0000L, 8), "msip[0] and what follows");
        long mtime = le64(debug.readPhysical(0x0200_bff8L, 8));
        assertNotEquals(0, mtime, "the halted machine has run for a while");
        byte[] middle = debug.readPhysical(0x0200_bff9L, 3);
        assertEquals((mtime >>> 8) & 0xff_ffff, (middle[0] & 0xff) | (middle[1] & 0xff) << 8 | (middle[2] & 0xff) << 16);
        assertEquals(-1L, le64(debug.readPhysical(0x0200_4000L, 8)), "mtimecmp[0] is still its reset value");
        // virtio-mmio slot 0 (32-bit registers): magic "virt", version 1 (legacy), device 0 (empty), vendor "QEMU".
        assertArrayEquals("virt\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000QEMU".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                debug.readPhysical(0x1000_1000L, 16));
        assertArrayEquals("rt".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), debug.readPhysical(0x1000_1002L, 2));
        // Test finisher (2- or 4-byte reads, 0): one byte of it still reads.
        assertArrayEquals(new byte[1], debug.readPhysical(0x0010_0001L, 1));
        assertArrayEquals(new byte[8], debug.readPhysical(0x0010_0000L, 8));
        // Goldfish RTC (32-bit registers): TIME_LOW/TIME_HIGH of a clock at 0 ns, and the rest.
        assertEquals(32, debug.readPhysical(0x0010_1000L, 32).length);
        // MROM (any width): the reset vector's auipc t0, 0 and addi a2, t0, 40.
        assertEquals(0x0282_8613_0000_0297L, le64(debug.readPhysical(0x1000, 8)));
    }

    @Test
    void stepRunsOneInstructionAndStepIntoEcallStopsAtTheTrapVector() throws Exception {
        start(debuggee, 1);
        long doEcall = Debuggee.symbol(debuggee, "do_ecall");
        long vector = Debuggee.symbol(debuggee, "trap_vector");
        debug.runTo(0, doEcall);
        assertEquals(new StopEvent.BreakpointHit(0, doEcall), nextStop());
        debug.step(0);
        assertEquals(new StopEvent.Stepped(0), nextStop());
        assertEquals(vector, debug.pc(0));
        assertEquals(11, debug.csr(0, CsrAddress.MCAUSE));
        assertEquals(doEcall, debug.csr(0, CsrAddress.MEPC));
        List<TrapRecord> log = debug.trapLog().snapshot();
        assertEquals(1, log.size());
        assertEquals(new TrapRecord(0, 0, 11, doEcall, 0, PrivilegeMode.MACHINE, PrivilegeMode.MACHINE, 0), log.get(0));
        debug.step(0);
        assertEquals(new StopEvent.Stepped(0), nextStop());
        assertEquals(vector + 4, debug.pc(0));
    }

    @Test
    void chosenTrapCauseStopsAtTheHandler() throws Exception {
        start(debuggee, 1);
        debug.stopOnTrap(11, true);
        debug.resumeAll();
        StopEvent e = nextStop();
        TrapRecord r = assertInstanceOf(StopEvent.TrapTaken.class, e).trap();
        assertEquals(Debuggee.symbol(debuggee, "do_ecall"), r.epc());
        assertEquals(Debuggee.symbol(debuggee, "trap_vector"), debug.pc(0));
    }

    @Test
    void watchpointsByKindAndAddressSpace() throws Exception {
        start(debuggee, 1);
        long counter = Debuggee.symbol(debuggee, "counter");
        long watched = Debuggee.symbol(debuggee, "watched");
        Watchpoint write = new Watchpoint(WatchKind.WRITE, AddressSpace.VIRTUAL, watched, 8);
        debug.addWatchpoint(write);
        debug.resumeAll();
        StopEvent.WatchpointHit w = assertInstanceOf(StopEvent.WatchpointHit.class, nextStop());
        assertEquals(write, w.watchpoint());
        assertTrue(w.write());
        assertEquals(0, le64(debug.readPhysical(watched, 8)), "reported before the store, as QEMU does");
        long storePc = debug.pc(0);
        debug.step(0); // stepped (or resumed), the hart makes the access it stopped before
        assertEquals(new StopEvent.Stepped(0), nextStop(), "not stopped by the same access again");
        assertEquals(46, le64(debug.readPhysical(watched, 8)), "the store has happened");
        assertTrue(debug.pc(0) != storePc);
        assertTrue(debug.removeWatchpoint(write));

        // counter = 1 was stored before; the loop's first access to counter is the load of counter++
        Watchpoint read = new Watchpoint(WatchKind.READ, AddressSpace.PHYSICAL, counter + 4, 1);
        debug.addWatchpoint(read);
        debug.resumeAll();
        StopEvent.WatchpointHit r = assertInstanceOf(StopEvent.WatchpointHit.class, nextStop());
        assertFalse(r.write());
        assertEquals(counter, r.address());
        assertEquals(1, le64(debug.readPhysical(counter, 8)), "a read changes nothing");
    }

    @Test
    void haltAndResumePerHart() throws Exception {
        start(debuggee, 2);
        long counter = Debuggee.symbol(debuggee, "counter");
        long hart1 = Debuggee.symbol(debuggee, "hart1_counter");
        debug.resume(1);
        waitUntil(() -> le64(debug.readPhysical(hart1, 8)) > 1000);
        assertEquals(0, le64(debug.readPhysical(counter, 8)), "hart 0 stays halted");
        assertFalse(debug.isRunning(0));
        debug.halt(1);
        assertEquals(new StopEvent.Halted(1), nextStop());
        long frozen = le64(debug.readPhysical(hart1, 8));
        debug.resume(0);
        waitUntil(() -> le64(debug.readPhysical(counter, 8)) > 1000);
        assertEquals(frozen, le64(debug.readPhysical(hart1, 8)), "hart 1 stays halted");
        debug.haltAll();
        assertEquals(new StopEvent.Halted(0), nextStop());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.onSpinWait();
        }
    }

    @Test
    void breakpointsHitEveryHartAndResumingPassesThem() throws Exception {
        start(debuggee, 2);
        long secondary = Debuggee.symbol(debuggee, "secondary");
        debug.addBreakpoint(secondary);
        debug.resumeAll();
        assertEquals(new StopEvent.BreakpointHit(1, secondary), nextStop());
        assertFalse(debug.isRunning(0), "all-stop");
        debug.removeBreakpoint(secondary);
        debug.step(1);
        assertEquals(new StopEvent.Stepped(1), nextStop());
        assertNotEquals(secondary, debug.pc(1));
    }

    @Test
    void registersAndCsrsReadAndWrite() throws Exception {
        start(debuggee, 2);
        assertEquals(1, debug.csr(1, CsrAddress.MHARTID));
        debug.setGpr(0, 10, 0x1234);
        assertEquals(0x1234, debug.gpr(0, 10));
        debug.setGpr(0, 0, 5);
        assertEquals(0, debug.gpr(0, 0), "x0 stays 0");
        debug.setCsr(0, CsrAddress.MSCRATCH, 0xfeed);
        assertEquals(0xfeed, debug.csr(0, CsrAddress.MSCRATCH));
        assertThrows(DebugException.class, () -> debug.csr(0, 0x7ff));
        assertThrows(DebugException.class, () -> debug.gpr(2, 1));
        assertEquals(PrivilegeMode.MACHINE, debug.privilege(0));
    }

    @Test
    void virtualAccessGoesThroughTheGivenSatp() throws Exception {
        start(debuggee, 1);
        long root = 0x8100_0000L;
        long leafTable = 0x8100_1000L;
        long midTable = 0x8100_2000L;
        long data = 0x8100_3000L;
        long va = 0x4020_1000L; // VPN2 = 1, VPN1 = 1, VPN0 = 1
        poke64(root + 8, (midTable >>> 12) << 10 | 1);
        poke64(midTable + 8, (leafTable >>> 12) << 10 | 1);
        poke64(leafTable + 8, (data >>> 12) << 10 | 0xc7); // D A W R V
        long satp = 8L << 60 | root >>> 12;
        debug.writeVirtual(satp, va + 16, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, debug.readPhysical(data + 16, 3));
        assertArrayEquals(new byte[] {1, 2, 3}, debug.readVirtual(satp, va + 16, 3));
        assertEquals(data + 16, debug.translate(satp, va + 16).orElseThrow());
        assertEquals(0, debug.readVirtual(satp, va + 0x1000, 4).length, "unmapped");
        assertEquals(4096 - 16, debug.readVirtual(satp, va + 16, 8000).length, "stops at the unmapped page");
        assertThrows(DebugException.class, () -> debug.writeVirtual(satp, va + 0xffe, new byte[] {1, 2, 3, 4}));
        assertEquals(0, debug.readPhysical(data + 0xffe, 2)[0], "all or nothing");
        assertEquals(1, debug.pageTable(satp).size());
    }

    private void poke64(long pa, long v) {
        debug.writePhysical(pa, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    @Test
    void guestExitIsAStopEventAndResetRestoresPowerOn() throws Exception {
        Path finisher = GuestPrograms.build(dir.resolve("finisher-build"), "finisher", "CODE=3");
        start(finisher, 1);
        debug.resumeAll();
        StopEvent.MachineExited e = assertInstanceOf(StopEvent.MachineExited.class, nextStop());
        assertEquals(3, e.exit().status());
        assertTrue(debug.machineExit().isPresent());
        debug.resumeAll();
        assertInstanceOf(StopEvent.MachineExited.class, nextStop(), "resuming an ended machine says so again");
        debug.reset();
        assertTrue(debug.machineExit().isEmpty());
        assertEquals(0x1000, debug.pc(0));
        assertEquals(0, debug.trapLog().snapshot().size());
    }
}
