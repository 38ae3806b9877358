package dev.rivet.emulator.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw RSP client for tests: sends arbitrary bytes, reads acknowledgments and replies. */
final class RspTestClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RspTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true); // small writes in turn with replies: no Nagle/delayed-ACK stalls
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendRaw(String s) throws IOException {
        sendRaw(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(String payload) throws IOException {
        sendRaw(PacketCodec.frame(payload));
    }

    /** The next acknowledgment character ('+' or '-'). */
    int ack() throws IOException {
        int b = in.read();
        if (b != '+' && b != '-') {
            throw new IOException("expected an acknowledgment, got " + b);
        }
        return b;
    }

    /** The next packet's payload, skipping acknowledgments; acknowledges it. */
    String reply() throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
        } while (b != '$');
        StringBuilder raw = new StringBuilder();
        while ((b = in.read()) != '#') {
            if (b < 0) {
                throw new IOException("connection closed inside a packet");
            }
            raw.append((char) b);
        }
        int sum = Integer.parseInt("" + (char) in.read() + (char) in.read(), 16);
        byte[] bytes = raw.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (sum != PacketCodec.checksum(bytes, 0, bytes.length)) {
            throw new IOException("bad checksum from the stub");
        }
        sendRaw("+");
        return new String(PacketCodec.decode(bytes, 0, bytes.length, 1 << 20), StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code payload} and returns the reply. */
    String ask(String payload) throws IOException {
        send(payload);
        return reply();
    }

    /** Whether nothing arrives within {@code millis}. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            in.read(); // a byte, or the end of the stream: either way not silent
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
