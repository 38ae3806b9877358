package dev.rivet.core.console;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.debug.core.model.IStreamsProxy2;

/**
 * A kernel launch's UART as the process streams the debug framework connects to a console
 * (an IOConsole): output is what the UART transmits, input typed in the console goes to the
 * UART's receive path as UTF-8 bytes. The UART has no error stream; {@link #getErrorStreamMonitor()}
 * stays empty.
 */
public final class UartStreamsProxy implements IStreamsProxy2 {

    private final UartOutputMonitor output = new UartOutputMonitor();
    private final IStreamMonitor noErrors = new IStreamMonitor() {
        @Override
        public void addListener(IStreamListener listener) {
        }

        @Override
        public String getContents() {
            return "";
        }

        @Override
        public void removeListener(IStreamListener listener) {
        }
    };
    private volatile Consumer<byte[]> receive = bytes -> { };
    private volatile boolean inputClosed;

    /** Routes console input to {@code uartReceive} (the machine's thread-safe input command). */
    public void connect(Consumer<byte[]> uartReceive) {
        this.receive = uartReceive;
    }

    /** The UART's transmit side. */
    public UartOutputMonitor output() {
        return output;
    }

    @Override
    public IStreamMonitor getOutputStreamMonitor() {
        return output;
    }

    @Override
    public IStreamMonitor getErrorStreamMonitor() {
        return noErrors;
    }

    @Override
    public void write(String input) {
        if (!inputClosed) {
            receive.accept(input.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void closeInputStream() {
        inputClosed = true;
    }
}
