package dev.rivet.emulator.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.irq.HartInterruptPins;
import dev.rivet.emulator.loader.BootLoader;
import dev.rivet.emulator.loader.FirmwareChoice;
import dev.rivet.emulator.loader.ImageLoadException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine assembled from the table: each device answers at its table address, is wired to
 * its PLIC source, and the boot ROM, device tree and finisher do what QEMU's do. Harts are
 * scripted stand-ins issuing the bus accesses a program would.
 */
class VirtMachineAssemblyTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final List<ScriptedHart> harts = new ArrayList<>();
    VirtMachine machine;

    @AfterEach
    void close() throws Exception {
        if (machine != null) {
            machine.close();
        }
    }

    VirtMachine build(int hartCount, List<VirtMachine.Disk> disks, boolean legacy) throws Exception {
        Path kernel = dir.resolve("kernel.bin");
        Files.write(kernel, new byte[] {0x13, 0, 0, 0});
        VirtMachine.Config config = new VirtMachine.Config(128L << 20, hartCount,
                new BootLoader.Request(new FirmwareChoice.None(), Optional.of(kernel), Optional.empty(),
                        Optional.empty(), ""), disks, legacy);
        machine = VirtMachine.create(config, (id, bus, clock) -> {
            ScriptedHart h = new ScriptedHart(id, bus, clock);
            harts.add(h);
            return h;
        }, console, () -> 1_700_000_000_000_000_000L);
        return machine;
    }

    @Test
    void hartsStartAtTheResetVectorWhichJumpsToDramWithTheDeviceTreeInA1() throws Exception {
        VirtMachine m = build(2, List.of(), true);
        assertEquals(0x1000L, harts.get(0).resetPc);
        assertEquals(0x1000L, harts.get(1).resetPc);
        assertEquals(0x00000297L, m.bus().load(0x1000, 4), "auipc t0, 0");
        assertEquals(0x80000000L, m.bus().load(0x1018, 8), "start address: the kernel at DRAM with -bios none");
        assertEquals(0x87e00000L, m.bus().load(0x1020, 8), "QEMU's device-tree address for 128 MiB");
        byte[] fdt = new byte[m.bootPlan().fdt().length];
        m.bus().readBytes(0x87e00000L, fdt, 0, fdt.length);
        assertArrayEquals(m.bootPlan().fdt(), fdt);
        assertEquals(0x13L, m.bus().load(0x80000000L, 4), "the raw kernel at DRAM");
    }

    @Test
    void finisherFailCodeBecomesTheExitStatus() throws Exception {
        build(1, List.of(), true);
        harts.get(0).steps.add(h -> h.bus.store(h.id, 0x100000, 4, (42 << 16) | 0x3333));
        assertEquals(new RunOutcome.Exited(42), machine.run(1_000_000));
    }

    @Test
    void finisherPassAndReset() throws Exception {
        build(1, List.of(), true);
        harts.get(0).steps.add(h -> h.bus.store(h.id, 0x100000, 4, 0x5555));
        assertEquals(new RunOutcome.Exited(0), machine.run(1_000_000));
        machine.close();
        harts.clear();
        build(1, List.of(), true);
        harts.get(0).steps.add(h -> h.bus.store(h.id, 0x100000, 4, 0x7777));
        assertInstanceOf(RunOutcome.ResetRequested.class, machine.run(1_000_000));
    }

    @Test
    void uartTransmitsToTheConsoleAndItsReceiveInterruptReachesTheHartThroughPlicSource10() throws Exception {
        build(1, List.of(), true);
        ScriptedHart h0 = harts.get(0);
        h0.steps.add(h -> {
            for (char c : "OK\n".toCharArray()) {
                h.bus.store(0, 0x10000000L, 1, c);
            }
            h.bus.store(0, 0x10000001L, 1, 0x01); // IER: receive interrupt
            h.bus.store(0, 0xc000000L + 4 * 10, 4, 1); // priority of source 10
            h.bus.store(0, 0xc002000L, 4, 1 << 10); // enable for context 0 (hart 0, M)
        });
        h0.steps.add(h -> h.bus.store(0, 0x100000, 4, 0x5555));
        machine.typed('k');
        // first round: the scripted setup; the byte arrives before the round (fed at its start)
        assertEquals(new RunOutcome.Exited(0), machine.run(1_000_000));
        assertEquals("OK\n", console.toString());
        assertTrue(h0.pending(HartInterruptPins.MEIP), "UART -> PLIC source 10 -> MEIP of hart 0");
        assertEquals(10, machine.bus().load(0xc200004L, 4), "claim returns source 10");
        assertEquals('k', machine.bus().load(0x10000000L, 1));
    }

    @Test
    void anIdleMachineLetsTimePassAtTheWallClocksPaceAndExactlyToTheDeadline() throws Exception {
        build(1, List.of(), true);
        long[] mtimeAtWakeUp = new long[1];
        harts.get(0).steps.add(h -> {
            h.bus.store(0, 0x2004000L, 8, 501_000L); // mtimecmp: 50 ms after the end of this slice (1,000 ticks)
            h.waiting = true; // WFI
        });
        harts.get(0).steps.add(h -> {
            mtimeAtWakeUp[0] = h.bus.load(0x200bff8L, 8);
            h.bus.store(0, 0x100000, 4, 0x5555);
        });
        long start = System.nanoTime();
        assertEquals(new RunOutcome.Exited(0), machine.run(1_000_000));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 45, "50 ms of guest time while idle took " + elapsedMillis + " ms of the host's");
        assertEquals(501_000L, mtimeAtWakeUp[0], "the clock moves exactly to the deadline: runs repeat");
    }

    @Test
    void consoleInputEndsAnIdleWaitEarly() throws Exception {
        build(1, List.of(), true);
        long[] mtimeAtWakeUp = new long[1];
        harts.get(0).steps.add(h -> {
            h.bus.store(0, 0x10000001L, 1, 0x01); // IER: receive interrupt
            h.bus.store(0, 0xc000000L + 4 * 10, 4, 1); // priority of source 10
            h.bus.store(0, 0xc002000L, 4, 1 << 10); // enabled for hart 0's M context
            h.bus.store(0, 0x2004000L, 8, 100_000_000L); // a timer 10 s away
            h.waiting = true;
        });
        harts.get(0).steps.add(h -> {
            mtimeAtWakeUp[0] = h.bus.load(0x200bff8L, 8);
            h.bus.store(0, 0x100000, 4, 0x5555);
        });
        java.util.concurrent.ScheduledExecutorService typist = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            typist.schedule(() -> machine.typed('k'), 200, java.util.concurrent.TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            assertEquals(new RunOutcome.Exited(0), machine.run(1_000_000));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis < 5_000, "the key woke the machine long before its timer: " + elapsedMillis + " ms");
            assertTrue(mtimeAtWakeUp[0] >= 1_000 + 1_500_000 && mtimeAtWakeUp[0] < 100_000_000L,
                    "the clock moved by the time that passed, not to the deadline: " + mtimeAtWakeUp[0]);
        } finally {
            typist.shutdownNow();
        }
    }

    @Test
    void msipIpiAndTimerReachTheRightHart() throws Exception {
        build(2, List.of(), true);
        harts.get(0).steps.add(h -> {
            h.bus.store(0, 0x2000004L, 4, 1); // msip[1]
            h.bus.store(0, 0x2004000L, 8, 5); // mtimecmp[0] = 5 ticks
        });
        harts.get(1).steps.add(h -> { });
        assertInstanceOf(RunOutcome.InstructionLimit.class, machine.run(20_000));
        assertTrue(harts.get(1).pending(HartInterruptPins.MSIP));
        assertFalse(harts.get(0).pending(HartInterruptPins.MSIP));
        assertTrue(harts.get(0).pending(HartInterruptPins.MTIP), "10,000 instructions are 1,000 ticks");
        assertFalse(harts.get(1).pending(HartInterruptPins.MTIP));
    }

    @Test
    void disksTakeQemusSlotsAndEmptySlotsShowDeviceIdZero() throws Exception {
        Path a = dir.resolve("a.img");
        Path b = dir.resolve("b.img");
        Files.write(a, new byte[4096]);
        Files.write(b, new byte[4096]);
        VirtMachine m = build(1, List.of(new VirtMachine.Disk(a, false, OptionalInt.empty(), ""),
                new VirtMachine.Disk(b, true, OptionalInt.of(0), "")), false);
        assertEquals(2, m.bus().load(0x10008008L, 4), "first -device without bus= at 0x10008000");
        assertEquals(2, m.bus().load(0x10001008L, 4), "bus=virtio-mmio-bus.0 at 0x10001000");
        assertEquals(0, m.bus().load(0x10004008L, 4));
        assertEquals(2, m.bus().load(0x10004004L, 4), "modern transport");
        assertEquals(0x74726976L, m.bus().load(0x10004000L, 4));
    }

    @Test
    void rtcReadsTheWallClockThroughTheTable() throws Exception {
        VirtMachine m = build(1, List.of(), true);
        long low = m.bus().load(0x101000L, 4);
        long high = m.bus().load(0x101004L, 4);
        assertEquals(1_700_000_000_000_000_000L, (high << 32) | low);
    }

    @Test
    void holesInTheMapAreBusErrors() throws Exception {
        VirtMachine m = build(1, List.of(), true);
        assertThrows(BusErrorException.class, () -> m.bus().load(0x10100000L, 4), "no fw_cfg");
        assertThrows(BusErrorException.class, () -> m.bus().load(0x20000000L, 4), "no flash");
        assertThrows(BusErrorException.class, () -> m.bus().load(0x10000008L, 1), "UART decodes 8 bytes");
    }

    @Test
    void missingDiskImageIsAClearError() {
        var e = assertThrows(java.io.IOException.class, () -> build(1,
                List.of(new VirtMachine.Disk(dir.resolve("nope.img"), false, OptionalInt.empty(), "")), true));
        assertTrue(e.getMessage().contains("nope.img"), e.getMessage());
    }

    @Test
    void truncatedKernelIsAClearError() throws Exception {
        Path elf = dir.resolve("k.elf");
        Files.write(elf, new byte[] {0x7f, 'E', 'L', 'F', 1});
        VirtMachine.Config config = new VirtMachine.Config(128L << 20, 1, new BootLoader.Request(
                new FirmwareChoice.None(), Optional.of(elf), Optional.empty(), Optional.empty(), ""), List.of(), true);
        var e = assertThrows(ImageLoadException.class,
                () -> VirtMachine.create(config, (id, bus, clock) -> new ScriptedHart(id, bus, clock), console, () -> 0));
        assertTrue(e.getMessage().contains("k.elf: ELF header is truncated"), e.getMessage());
    }
}
