package dev.rivet.core.console;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IFlushableStreamMonitor;

/**
 * The UART's transmit side as a debug stream monitor: the machine thread writes bytes into
 * {@link #sink()}; listeners (the process console) receive them as text, decoded as UTF-8 across
 * byte boundaries (a character split over two writes comes out whole; malformed bytes become
 * U+FFFD). Text is delivered in the order written. Until a listener disables buffering, the text
 * is also kept for {@link #getContents()}, so a console attached late sees everything.
 */
public final class UartOutputMonitor implements IFlushableStreamMonitor {

    private final CopyOnWriteArrayList<IStreamListener> listeners = new CopyOnWriteArrayList<>();
    private final StringBuilder contents = new StringBuilder();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(4096);
    private final CharBuffer decoded = CharBuffer.allocate(4096);
    private boolean buffered = true;

    private final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            append(b, off, len);
        }
    };

    /** Where the machine writes what the UART transmits. Thread-safe. */
    public OutputStream sink() {
        return sink;
    }

    /** Adds text that did not come from the guest (the exit status line), in order with the guest's. */
    public void appendText(String text) {
        synchronized (this) {
            deliver(text);
        }
    }

    private synchronized void append(byte[] b, int off, int len) {
        int at = off;
        int end = off + len;
        while (at < end) {
            int n = Math.min(pending.remaining(), end - at);
            pending.put(b, at, n);
            at += n;
            pending.flip();
            decoded.clear();
            decoder.decode(pending, decoded, false);
            pending.compact();
            decoded.flip();
            if (decoded.hasRemaining()) {
                deliver(decoded.toString());
            }
        }
    }

    private void deliver(String text) {
        if (buffered) {
            contents.append(text);
        }
        for (IStreamListener l : listeners) {
            l.streamAppended(text, this);
        }
    }

    @Override
    public synchronized void addListener(IStreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(IStreamListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized String getContents() {
        return contents.toString();
    }

    @Override
    public synchronized void flushContents() {
        contents.setLength(0);
    }

    @Override
    public synchronized void setBuffered(boolean buffer) {
        buffered = buffer;
        if (!buffer) {
            contents.setLength(0);
        }
    }

    @Override
    public synchronized boolean isBuffered() {
        return buffered;
    }
}
