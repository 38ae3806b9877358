package dev.rivet.emulator.devices.clint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.devices.testutil.RecordingHartPins;
import dev.rivet.emulator.irq.HartInterruptPins;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClintTest {

    private long ticks;
    private final RecordingHartPins h0 = new RecordingHartPins();
    private final RecordingHartPins h1 = new RecordingHartPins();
    private final Clint clint = new Clint(() -> ticks, List.of(h0, h1));

    @Test
    void msipOfEachHartDrivesOnlyThatHartsSoftwareInterrupt() {
        clint.store(0x4, 4, 1);
        assertTrue(h1.pending(HartInterruptPins.MSIP));
        assertFalse(h0.pending(HartInterruptPins.MSIP));
        assertEquals(1, clint.load(0x4, 4));
        clint.store(0x4, 4, 0);
        assertFalse(h1.pending(HartInterruptPins.MSIP));
    }

    @Test
    void timerInterruptRisesWhenMtimeReachesMtimecmp() {
        clint.store(0x4000, 8, 100);
        ticks = 99;
        clint.updateTimers();
        assertFalse(h0.pending(HartInterruptPins.MTIP));
        ticks = 100;
        clint.updateTimers();
        assertTrue(h0.pending(HartInterruptPins.MTIP));
        assertFalse(h1.pending(HartInterruptPins.MTIP), "hart 1's mtimecmp is still all ones");
        assertEquals(Long.MAX_VALUE, clint.ticksUntilNextDeadline(), "a passed deadline wakes nobody later");
        clint.store(0x4000, 8, 200);
        assertFalse(h0.pending(HartInterruptPins.MTIP), "a new deadline clears MTIP");
        assertEquals(100, clint.ticksUntilNextDeadline());
    }

    @Test
    void mtimecmpTakesTwo32BitHalves() {
        clint.store(0x4008 + 4, 4, 0x1);
        clint.store(0x4008, 4, 0x2345_6789L);
        assertEquals(0x1_2345_6789L, clint.load(0x4008, 8));
        assertEquals(0x1, clint.load(0x400c, 4));
    }

    @Test
    void mtimeReadsTheClockAndCanBeWritten() {
        ticks = 0x1_0000_0005L;
        assertEquals(0x1_0000_0005L, clint.load(0xbff8, 8));
        assertEquals(5, clint.load(0xbff8, 4));
        assertEquals(1, clint.load(0xbffc, 4));
        clint.store(0xbff8, 8, 1000);
        ticks += 10;
        assertEquals(1010, clint.peek(0xbff8, 8));
    }

    @Test
    void byteAccessesAreAccessFaults() {
        assertThrows(BusErrorException.class, () -> clint.load(0xbff8, 1));
        assertThrows(BusErrorException.class, () -> clint.store(0x0, 8, 1));
    }
}
