package dev.rivet.emulator.devices.uart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.bus.BusErrorException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Register-level rules of the 16550A as QEMU 7.2 models it ({@code hw/char/serial.c}); the same
 * rules seen by a guest on QEMU and on Rivet are {@code GuestProgramsTest.uartRegistersAsQemuShowsThem}.
 */
class Uart16550Test {

    static final int RBR = 0;
    static final int THR = 0;
    static final int IER = 1;
    static final int IIR = 2;
    static final int FCR = 2;
    static final int LCR = 3;
    static final int MCR = 4;
    static final int LSR = 5;
    static final int MSR = 6;

    /** Four character times at QEMU's reset character time (9600 baud, 10 bits), in 100 ns ticks. */
    static final long RESET_TIMEOUT_TICKS = 41_667;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Boolean> irqEdges = new ArrayList<>();
    private boolean irq;
    private long now;
    private int inputRequests;
    private final Uart16550 uart = new Uart16550(() -> now, out::write, level -> {
        irq = level;
        irqEdges.add(level);
    }, () -> inputRequests++);

    private int read(int reg) {
        return (int) uart.load(reg, 1);
    }

    private void write(int reg, int value) {
        uart.store(reg, 1, value);
    }

    @Test
    void transmittedBytesReachTheHostAndLsrShowsTransmitterEmpty() {
        write(THR, 'h');
        write(THR, 'i');
        assertEquals("hi", out.toString());
        assertEquals(0x60, read(LSR));
    }

    @Test
    void resetValuesAreQemus() {
        assertEquals(0x00, read(IER));
        assertEquals(0x01, read(IIR));
        assertEquals(0x00, read(LCR));
        assertEquals(0x08, read(MCR), "QEMU resets MCR to OUT2");
        assertEquals(0x60, read(LSR));
        assertEquals(0xb0, read(MSR));
        write(LCR, 0x80);
        assertEquals(0x0c, read(0), "divisor 12");
        assertEquals(0x00, read(1));
    }

    @Test
    void receiveInterruptUntilTheByteIsRead() {
        write(IER, 0x01); // ERBFI
        assertFalse(irq);
        uart.receive('x');
        assertTrue(irq);
        assertEquals(0x04, read(IIR));
        assertEquals(0x61, uart.peek(LSR, 1));
        assertEquals('x', uart.peek(RBR, 1), "peek does not pop");
        assertEquals('x', read(RBR));
        assertFalse(irq);
        assertEquals(0x01, read(IIR));
    }

    @Test
    void withoutTheFifoTheHostWaitsForRbrAndIsAskedAgainAfterTheRead() {
        assertTrue(uart.canReceive());
        uart.receive('a');
        assertFalse(uart.canReceive(), "RBR is full");
        read(RBR);
        assertTrue(uart.canReceive());
        assertEquals(1, inputRequests, "reading RBR asks the host for more");
        write(MCR, 0x10);
        read(RBR);
        assertEquals(1, inputRequests, "not in loopback, where the host is disconnected");
    }

    // --- modem status ---

    @Test
    void loopbackMsrMirrorsMcrOutputsWithoutDeltaBits() {
        write(IER, 0x08); // modem-status interrupt
        int[][] mcrToMsr = {
            {0x10, 0x00}, {0x11, 0x20}, {0x12, 0x10}, {0x14, 0x40}, {0x18, 0x80}, {0x1f, 0xf0}, {0x1b, 0xb0},
            {0x10, 0x00},
        };
        for (int[] step : mcrToMsr) {
            write(MCR, step[0]);
            assertEquals(step[1], read(MSR), "MCR " + Integer.toHexString(step[0]));
            assertEquals(step[1], read(MSR), "reading MSR changes nothing");
            assertEquals(0x01, read(IIR), "QEMU 7.2 sets no delta bits in loopback: no modem-status interrupt");
            assertFalse(irq);
        }
        write(MCR, 0x08);
        assertEquals(0xb0, read(MSR), "out of loopback: CTS, DSR, DCD of a connected console, no deltas");
        assertEquals(0x01, read(IIR));
        assertTrue(irqEdges.isEmpty(), "the line never moved");
    }

    // --- receiver line status ---

    @Test
    void overrunWithoutTheFifoKeepsTheNewestByteAndRaisesLineStatusUntilLsrIsRead() {
        write(IER, 0x05); // received data + receiver line status
        uart.receive('a');
        uart.receive('b');
        assertTrue(irq);
        assertEquals(0x06, read(IIR), "overrun outranks received data");
        assertEquals(0x06, read(IIR), "reading IIR does not clear it");
        assertEquals(0x63, read(LSR));
        assertTrue(irq, "received data is still there");
        assertEquals(0x04, read(IIR));
        assertEquals(0x61, read(LSR), "overrun cleared by the LSR read");
        assertEquals('b', read(RBR), "the byte that came last replaced RBR, as in QEMU");
        assertFalse(irq);
    }

    @Test
    void overrunIsNotAnInterruptWhileIerBit2IsClear() {
        write(IER, 0x01);
        uart.receive('a');
        uart.receive('b');
        assertEquals(0x04, read(IIR));
        assertEquals(0x63, read(LSR));
    }

    @Test
    void loopbackOverrunWithTheFifoKeepsTheFirstSixteen() {
        write(MCR, 0x18);
        write(FCR, 0xc7);
        write(IER, 0x05);
        for (int i = 0; i < 17; i++) {
            write(THR, 'A' + i);
        }
        assertEquals(0xc6, read(IIR));
        assertEquals(0x63, read(LSR));
        assertEquals(0xc4, read(IIR), "16 bytes are above trigger level 14");
        StringBuilder got = new StringBuilder();
        while ((read(LSR) & 1) != 0) {
            got.append((char) read(RBR));
        }
        assertEquals("ABCDEFGHIJKLMNOP", got.toString());
        assertEquals("", out.toString(), "loopback sends nothing to the host");
    }

    // --- FIFO control ---

    @Test
    void fcrBit1ClearsTheReceiveFifo() {
        write(FCR, 0x01);
        write(IER, 0x01);
        uart.receive('x');
        uart.receive('y');
        assertTrue(irq);
        write(FCR, 0x03);
        assertEquals(0x60, read(LSR));
        assertEquals(0xc1, read(IIR));
        assertFalse(irq);
        assertEquals(0, read(RBR), "an empty FIFO reads as 0");
        now += 10 * RESET_TIMEOUT_TICKS;
        uart.update();
        assertEquals(0xc1, read(IIR), "the reset also cancelled the character timeout");
    }

    @Test
    void fcrBit1WithoutTheFifoClearsDataReadyButNotRbr() {
        uart.receive('c');
        write(FCR, 0x02);
        assertEquals(0x60, read(LSR));
        assertEquals('c', read(RBR), "as QEMU: the holding register keeps its byte");
    }

    @Test
    void changingFifoEnableFlushesTheReceiver() {
        write(FCR, 0x01);
        uart.receive('x');
        write(FCR, 0x00);
        assertEquals(0x60, read(LSR));
        assertEquals(0x01, read(IIR), "FIFO bits gone");
    }

    @ParameterizedTest(name = "FCR {0}: trigger level {1}")
    @CsvSource({"0x01, 1", "0x41, 4", "0x81, 8", "0xc1, 14"})
    void triggerLevelRaisesReceivedDataAvailable(String fcr, int level) {
        write(FCR, Integer.decode(fcr));
        write(IER, 0x01);
        for (int i = 0; i < level - 1; i++) {
            assertTrue(uart.canReceive());
            uart.receive('a' + i);
            assertEquals(0xc1, read(IIR), "below the trigger level, before the timeout");
            assertFalse(irq);
        }
        assertTrue(uart.canReceive());
        uart.receive('z');
        assertEquals(0xc4, read(IIR), "at the trigger level");
        assertTrue(irq);
        assertFalse(uart.canReceive(), "the host fills the FIFO up to the trigger level only, as QEMU");
        read(RBR);
        assertEquals(0xc1, read(IIR));
        assertFalse(irq);
        assertTrue(uart.canReceive());
    }

    @Test
    void characterTimeoutAfterFourCharacterTimes() {
        write(FCR, 0x81); // trigger level 8
        write(IER, 0x01);
        uart.receive('a');
        assertEquals(RESET_TIMEOUT_TICKS, uart.ticksUntilTimeout());
        now += RESET_TIMEOUT_TICKS - 1;
        uart.update();
        assertFalse(irq);
        assertEquals(0xc1, read(IIR));
        now += 1;
        uart.update();
        assertTrue(irq, "the machine's update raises the line without a register access");
        assertEquals(0xcc, read(IIR));
        assertEquals(Long.MAX_VALUE, uart.ticksUntilTimeout(), "fired");
        for (int i = 0; i < 8; i++) {
            uart.receive('b' + i);
        }
        assertEquals(0xcc, read(IIR), "the timeout outranks the trigger level until RBR is read");
        assertEquals('a', read(RBR));
        assertEquals(0xc4, read(IIR), "8 bytes left");
        assertEquals(RESET_TIMEOUT_TICKS, uart.ticksUntilTimeout(), "reading with bytes left re-arms the timeout");
    }

    @Test
    void characterTimeoutFollowsDivisorAndLineControl() {
        write(LCR, 0x80);
        write(0, 1000 & 0xff);
        write(1, 1000 >> 8);
        write(LCR, 0x03); // 8N1: 10-bit frames at 399193 / 1000 baud: 25.05 ms a character
        write(FCR, 0x41);
        write(IER, 0x01);
        uart.receive('a');
        long timeout = uart.ticksUntilTimeout();
        assertTrue(timeout > 1_001_500 && timeout < 1_002_500, "about 100.2 ms: " + timeout);
        write(LCR, 0x1f); // 8E2: 12-bit frames
        uart.receive('b');
        assertEquals(12.0 / 10, (double) uart.ticksUntilTimeout() / timeout, 1e-4);
    }

    @Test
    void characterTimeoutNeedsTheFifoToHoldBytesAndRdiEnabled() {
        write(FCR, 0x41);
        write(IER, 0x01);
        uart.receive('a');
        read(RBR);
        now += 2 * RESET_TIMEOUT_TICKS;
        uart.update();
        assertEquals(0xc1, read(IIR), "drained before the deadline");
        write(IER, 0x00);
        uart.receive('b');
        now += 2 * RESET_TIMEOUT_TICKS;
        uart.update();
        assertEquals(0xc1, read(IIR), "masked by IER bit 0");
        write(IER, 0x01);
        assertEquals(0xcc, read(IIR), "but pending");
    }

    // --- transmitter holding register empty ---

    @Test
    void thrEmptyInterruptOnEnableClearedByReadingIir() {
        write(IER, 0x02);
        assertTrue(irq);
        assertEquals(0x02, read(IIR));
        assertFalse(irq);
        assertEquals(0x01, read(IIR));
        write(IER, 0x02);
        assertEquals(0x01, read(IIR), "writing the same IER does not raise it again");
        write(IER, 0x00);
        write(IER, 0x02);
        assertEquals(0x02, read(IIR), "a new rising edge of IER bit 1 does");
    }

    @Test
    void writingThrClearsTheThrEmptyInterruptUntilTheByteHasLeft() {
        write(IER, 0x02);
        irqEdges.clear();
        write(THR, 'z');
        assertEquals(List.of(false, true), irqEdges, "lowered by the THR write, raised when the byte left");
        assertEquals("z", out.toString());
        assertEquals(0x02, read(IIR));
    }

    @Test
    void readingIirDoesNotClearThrEmptyWhileAHigherSourceIsReported() {
        write(MCR, 0x18);
        write(IER, 0x03);
        write(THR, 'u');
        assertEquals(0x04, read(IIR), "received data outranks THR empty");
        assertEquals('u', read(RBR));
        assertEquals(0x02, read(IIR), "THR empty was not cleared by the first IIR read");
        assertEquals(0x01, read(IIR));
    }

    @Test
    void clearingIerBit1LowersThrEmpty() {
        write(IER, 0x02);
        assertTrue(irq);
        write(IER, 0x01);
        assertFalse(irq);
        assertEquals(0x01, read(IIR));
        write(IER, 0x03);
        assertEquals(0x02, read(IIR), "set again by the next rising edge");
    }

    @Test
    void transmitFifoResetRaisesThrEmpty() {
        write(IER, 0x02);
        read(IIR);
        write(FCR, 0x01);
        assertEquals(0xc2, read(IIR), "enabling the FIFO resets the transmit FIFO");
        assertEquals(0xc1, read(IIR));
        write(FCR, 0x05);
        assertEquals(0xc2, read(IIR), "FCR bit 2");
        write(FCR, 0x01);
        assertEquals(0xc1, read(IIR), "the same FCR without bit 2 does not");
    }

    // --- the rest ---

    @Test
    void divisorLatchIsBehindDlab() {
        write(LCR, 0x80);
        write(0, 0x03);
        write(1, 0x00);
        assertEquals(0x03, read(0));
        write(LCR, 0x03);
        assertEquals(0, out.size(), "the DLL write was not transmitted");
        assertEquals(0x03, read(LCR));
    }

    @Test
    void loopbackReceivesWhatIsSentAndMirrorsModemLines() {
        write(MCR, 0x10 | 0x0a); // loop, RTS, OUT2
        assertEquals(0x90, read(MSR) & 0xf0, "CTS and DCD, as Linux's 8250 probe expects");
        write(THR, 'q');
        assertEquals(0, out.size());
        assertEquals('q', read(RBR));
    }

    @Test
    void scratchRegisterAndUnmappedOffsets() {
        uart.store(7, 1, 0x5a);
        assertEquals(0x5a, uart.load(7, 1));
        assertThrows(BusErrorException.class, () -> uart.load(8, 1));
    }
}
