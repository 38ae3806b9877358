package dev.rivet.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The UART's transmit side as the console reads it, and console input going to the UART. */
class UartOutputMonitorTest {

    @Test
    void characterSplitAcrossWritesArrivesWhole() throws Exception {
        UartOutputMonitor monitor = new UartOutputMonitor();
        List<String> seen = new ArrayList<>();
        monitor.addListener((text, m) -> seen.add(text));
        byte[] arrow = "\u2192".getBytes(StandardCharsets.UTF_8); // 3 bytes
        OutputStream uart = monitor.sink();
        uart.write('a');
        uart.write(arrow[0]);
        uart.write(arrow[1]);
        uart.write(arrow[2]);
        uart.write('b');
        assertEquals(List.of("a", "\u2192", "b"), seen, "nothing is delivered until the character is complete");
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() throws Exception {
        UartOutputMonitor monitor = new UartOutputMonitor();
        monitor.sink().write(new byte[] { 'o', (byte) 0xff, 'k' });
        assertEquals("o\uFFFDk", monitor.getContents());
    }

    @Test
    void lateListenerSeesBufferedTextThenNewTextInOrder() throws Exception {
        UartOutputMonitor monitor = new UartOutputMonitor();
        monitor.sink().write("Rivet kernel\r\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder console = new StringBuilder(monitor.getContents());
        monitor.addListener((text, m) -> console.append(text));
        monitor.sink().write("rivet> ".getBytes(StandardCharsets.US_ASCII));
        monitor.appendText("[Rivet: terminated]");
        assertEquals("Rivet kernel\r\nrivet> [Rivet: terminated]", console.toString());
    }

    @Test
    void unbufferedMonitorKeepsNothing() throws Exception {
        UartOutputMonitor monitor = new UartOutputMonitor();
        monitor.setBuffered(false);
        monitor.sink().write(new byte[10_000]);
        assertEquals("", monitor.getContents());
        assertFalse(monitor.isBuffered());
    }

    @Test
    void consoleInputGoesToTheUartAsUtf8UntilClosed() {
        UartStreamsProxy proxy = new UartStreamsProxy();
        List<byte[]> received = new ArrayList<>();
        proxy.connect(received::add);
        proxy.write("help\n");
        proxy.closeInputStream();
        proxy.write("ignored\n");
        assertEquals(1, received.size());
        assertEquals("help\n", new String(received.get(0), StandardCharsets.UTF_8));
        assertEquals("", proxy.getErrorStreamMonitor().getContents());
    }
}
