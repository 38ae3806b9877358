package dev.rivet.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class ConsoleEscapeTest {

    private final ByteArrayOutputStream guest = new ByteArrayOutputStream();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private int quits;
    private final ConsoleEscape escape = new ConsoleEscape(guest::write, () -> quits++, terminal::write);

    private void type(int... bytes) {
        for (int b : bytes) {
            escape.typed(b);
        }
    }

    @Test
    void ctrlAXQuitsAndSendsNothing() {
        type('l', 's', 0x01, 'x');
        assertEquals(1, quits);
        assertEquals("ls", guest.toString());
    }

    @Test
    void ctrlACtrlASendsOneCtrlAAndOtherBytesPassThrough() {
        type(0x01, 0x01, 0x03, '\r');
        assertEquals(0, quits);
        assertEquals("\u0001\u0003\r", guest.toString());
    }

    @Test
    void ctrlAHPrintsHelpAndUnknownEscapesAreDropped() {
        type(0x01, 'h', 0x01, 'z', 'a');
        assertTrue(terminal.toString().contains("C-a x"));
        assertEquals("a", guest.toString());
    }
}
