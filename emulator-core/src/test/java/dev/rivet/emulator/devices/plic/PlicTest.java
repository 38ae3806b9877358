package dev.rivet.emulator.devices.plic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.devices.testutil.RecordingHartPins;
import dev.rivet.emulator.irq.HartInterruptPins;
import dev.rivet.emulator.irq.InterruptLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlicTest {

    private final RecordingHartPins h0 = new RecordingHartPins();
    private final RecordingHartPins h1 = new RecordingHartPins();
    private final Plic plic = new Plic(95, List.of(h0, h1));

    /** Context 1 is hart 0's S-mode, context 2 hart 1's M-mode (QEMU's "MS" per hart). */
    private static long enable(int ctx) {
        return 0x2000 + 0x80L * ctx;
    }

    private static long threshold(int ctx) {
        return 0x200000 + 0x1000L * ctx;
    }

    private static long claim(int ctx) {
        return threshold(ctx) + 4;
    }

    @Test
    void enabledSourceAboveThresholdRaisesTheContextsPin() {
        InterruptLine uart = plic.line(10);
        plic.store(4 * 10, 4, 1);
        plic.store(enable(1), 4, 1 << 10);
        uart.set(true);
        assertTrue(h0.pending(HartInterruptPins.SEIP));
        assertFalse(h0.pending(HartInterruptPins.MEIP), "not enabled for the M context");
        assertFalse(h1.pending(HartInterruptPins.MEIP));
        assertEquals(1 << 10, plic.load(0x1000, 4));
        plic.store(threshold(1), 4, 1);
        assertFalse(h0.pending(HartInterruptPins.SEIP), "priority must exceed the threshold");
    }

    @Test
    void claimReturnsHighestPriorityThenLowestIdAndCompleteRearms() {
        plic.store(4 * 1, 4, 2);
        plic.store(4 * 2, 4, 5);
        plic.store(4 * 3, 4, 5);
        plic.store(enable(2), 4, 0b1110);
        plic.line(1).set(true);
        plic.line(2).set(true);
        plic.line(3).set(true);
        assertTrue(h1.pending(HartInterruptPins.MEIP));
        assertEquals(2, plic.peek(claim(2), 4), "peek shows the claim without taking it");
        assertEquals(2, plic.load(claim(2), 4));
        assertEquals(3, plic.load(claim(2), 4));
        assertEquals(1, plic.load(claim(2), 4));
        assertEquals(0, plic.load(claim(2), 4));
        assertFalse(h1.pending(HartInterruptPins.MEIP));
        plic.store(claim(2), 4, 2); // complete while the line is still high: pends again
        assertTrue(h1.pending(HartInterruptPins.MEIP));
        assertEquals(2, plic.load(claim(2), 4));
    }

    @Test
    void pendingBitLatchedByTheGatewayOutlivesTheLineUntilClaimed() {
        plic.store(4 * 7, 4, 1);
        plic.store(enable(0), 4, 1 << 7);
        plic.line(7).set(true);
        plic.line(7).set(false); // the device drops its request before the hart claims it
        assertTrue(h0.pending(HartInterruptPins.MEIP), "still pending (PLIC spec, QEMU 7.2)");
        assertEquals(1 << 7, plic.load(0x1000, 4));
        assertEquals(7, plic.load(claim(0), 4));
        assertEquals(0, plic.load(0x1000, 4), "the claim clears it");
        plic.line(7).set(true); // raised again while in service: held until the completion
        assertEquals(0, plic.load(claim(0), 4));
        plic.store(claim(0), 4, 7);
        assertEquals(7, plic.load(claim(0), 4), "the completion forwards it");
    }

    @Test
    void loweredLineClearsPendingAndCompletionDoesNotRepend() {
        plic.store(4 * 7, 4, 1);
        plic.store(enable(0), 4, 1 << 7);
        plic.line(7).set(true);
        assertEquals(7, plic.load(claim(0), 4));
        plic.line(7).set(false);
        plic.store(claim(0), 4, 7);
        assertFalse(h0.pending(HartInterruptPins.MEIP));
        assertEquals(0, plic.load(0x1000, 4));
    }

    @Test
    void sourceZeroAndSourcesBeyond95DoNotExist() {
        plic.store(enable(0), 4, -1);
        assertEquals(0xffff_fffeL, plic.load(enable(0), 4));
        plic.store(enable(0) + 8, 4, -1);
        assertEquals(0xffff_ffffL, plic.load(enable(0) + 8, 4), "sources 64..95");
        plic.store(4 * 96, 4, 7);
        assertEquals(0, plic.load(4 * 96, 4));
        plic.store(4 * 95, 4, 0xff);
        assertEquals(7, plic.load(4 * 95, 4), "three priority bits");
        assertThrows(IllegalArgumentException.class, () -> plic.line(96));
    }

    @Test
    void onlyFourByteAccesses() {
        assertThrows(BusErrorException.class, () -> plic.load(0, 8));
        assertThrows(BusErrorException.class, () -> plic.store(2, 2, 0));
    }
}
