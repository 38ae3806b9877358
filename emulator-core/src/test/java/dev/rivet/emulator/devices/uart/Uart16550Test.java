package dev.rivet.emulator.devices.uart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.bus.BusErrorException;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class Uart16550Test {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean irq;
    private final Uart16550 uart = new Uart16550(out::write, level -> irq = level);

    @Test
    void transmittedBytesReachTheHostAndLsrShowsTransmitterEmpty() {
        uart.store(0, 1, 'h');
        uart.store(0, 1, 'i');
        assertEquals("hi", out.toString());
        assertEquals(0x60, uart.load(5, 1));
    }

    @Test
    void receiveInterruptUntilTheByteIsRead() {
        uart.store(1, 1, 0x01); // ERBFI
        assertFalse(irq);
        uart.receive('x');
        assertTrue(irq);
        assertEquals(0x04, uart.load(2, 1));
        assertEquals(0x61, uart.peek(5, 1));
        assertEquals('x', uart.peek(0, 1), "peek does not pop");
        assertEquals('x', uart.load(0, 1));
        assertFalse(irq);
        assertEquals(0x01, uart.load(2, 1));
    }

    @Test
    void fifoTriggerLevelAndTimeoutIndication() {
        uart.store(2, 1, 0x81); // FIFO on, trigger 8
        uart.store(1, 1, 0x01);
        for (int i = 0; i < 7; i++) {
            uart.receive('a' + i);
        }
        assertEquals(0xcc, uart.load(2, 1), "below the trigger: character timeout");
        uart.receive('h');
        assertEquals(0xc4, uart.load(2, 1), "at the trigger: received data available");
        for (int i = 0; i < 8; i++) {
            uart.receive('0' + i);
        }
        assertFalse(uart.canReceive(), "16 bytes fill the FIFO");
        uart.receive('!');
        assertEquals(0x63, uart.load(5, 1) & 0x63, "overrun flagged");
        assertEquals(0x61, uart.load(5, 1), "reading LSR clears the overrun");
        StringBuilder got = new StringBuilder();
        while ((uart.load(5, 1) & 1) != 0) {
            got.append((char) uart.load(0, 1));
        }
        assertEquals("abcdefgh01234567", got.toString());
    }

    @Test
    void thrEmptyInterruptOnEnableClearedByReadingIir() {
        uart.store(1, 1, 0x02);
        assertTrue(irq);
        assertEquals(0x02, uart.load(2, 1));
        assertFalse(irq);
        uart.store(0, 1, 'z');
        assertTrue(irq, "THR empty again after a transmit");
    }

    @Test
    void divisorLatchIsBehindDlab() {
        uart.store(3, 1, 0x80);
        uart.store(0, 1, 0x03);
        uart.store(1, 1, 0x00);
        assertEquals(0x03, uart.load(0, 1));
        uart.store(3, 1, 0x03);
        assertEquals(0, out.size(), "the DLL write was not transmitted");
        assertEquals(0x03, uart.load(3, 1));
    }

    @Test
    void loopbackReceivesWhatIsSentAndMirrorsModemLines() {
        uart.store(4, 1, 0x10 | 0x0a); // loop, RTS, OUT2
        assertEquals(0x90, uart.load(6, 1) & 0xf0, "CTS and DCD, as Linux's 8250 probe expects");
        uart.store(0, 1, 'q');
        assertEquals(0, out.size());
        assertEquals('q', uart.load(0, 1));
    }

    @Test
    void scratchRegisterAndUnmappedOffsets() {
        uart.store(7, 1, 0x5a);
        assertEquals(0x5a, uart.load(7, 1));
        assertThrows(BusErrorException.class, () -> uart.load(8, 1));
    }
}
